import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { JqlCheckInput, JqlCheckOutcome } from '../activities/contracts.js';

const { checkScopeJql } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

/**
 * A short workflow the API runs when a scope with JQL is saved, so the API itself never calls Jira:
 * a worker asks Jira whether the JQL is valid, with the connection's credentials.
 */
export async function checkScopeJqlWorkflow(input: JqlCheckInput): Promise<JqlCheckOutcome> {
  return checkScopeJql(input);
}
