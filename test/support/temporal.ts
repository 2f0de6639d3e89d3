import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type NativeConnection } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export interface TestTemporal {
  /** A client on the run's shared dev server, `default` namespace. */
  client: Client;
  /** For `Worker.create({ connection })`. */
  nativeConnection: NativeConnection;
  env: TestWorkflowEnvironment;
  /** Closes both connections. The shared server keeps running for the other files. */
  teardown(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * Quiets the SDK's logs to warnings. `Runtime.install` may run once per process and must come before the
 * first connection, which would otherwise install a default runtime that logs at INFO. Vitest's `forks`
 * pool gives every test file its own process, so once per file; a runtime installed earlier in the same
 * process (e.g. by the service's own `installTemporalRuntime`) is kept.
 */
export function installTestRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof Error && /already been installed/.test(error.message))) throw error;
  }
}

/**
 * Connects to the dev server that test/support/global-setup.ts started for this run. Use a fresh task
 * queue and workflow id per test (`uniqueTaskQueue`), because every test file shares the server.
 */
export async function createTestTemporal(): Promise<TestTemporal> {
  installTestRuntime();
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress') });

  return { client: env.client, nativeConnection: env.nativeConnection, env, teardown: () => env.teardown() };
}

/** The service's workflows (src/workflows/index.ts), bundled once per run, for `Worker.create({ workflowBundle })`. */
export function testWorkflowBundle(): { codePath: string } {
  const codePath = inject('workflowBundlePath');
  if (!codePath)
    throw new Error('No workflow bundle: src/workflows/index.ts did not exist when the run started');

  return { codePath };
}

/** A task queue no other test uses. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
