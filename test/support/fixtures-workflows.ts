import { upsertSearchAttributes } from '@temporalio/workflow';
import { connectionStatusKey } from '../../src/workflows/search-attributes.js';

/**
 * A workflow for testing the test infrastructure itself (bundling, workers on the shared dev server,
 * registered search attributes), independent of the service's real workflows.
 */
export async function echoWorkflow(text: string): Promise<string> {
  upsertSearchAttributes([{ key: connectionStatusKey, value: 'active' }]);
  return `echo: ${text}`;
}
