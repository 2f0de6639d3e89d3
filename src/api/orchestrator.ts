import { isGrpcDeadlineError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { JqlCheckOutcome } from '../activities/contracts.js';
import {
  connectionStateQuery,
  connectionWorkflowId,
  disconnectSignal,
  resyncSignal,
  type ConnectionWorkflowInput,
  type ConnectionWorkflowState,
} from '../workflows/messages.js';
import {
  connectionStatusKey,
  jiraConnectionIdKey,
  jiraSiteKey,
  workspaceIdKey,
} from '../workflows/search-attributes.js';

export interface StartConnectionInput {
  connectionId: string;
  workspaceId: string;
  /** The normalised site, shown to operators as a search attribute. */
  site: string;
  /** Time between periodic syncs, in milliseconds. */
  syncIntervalMs: number;
}

/**
 * The API's only door to Temporal. The API never does Jira work itself: it starts or signals the
 * connection workflow and reads its state. Tests pass a fake through `createApp` instead.
 *
 * `requestSync` and `disconnect` throw `ConnectionWorkflowNotFoundError` when no workflow is running
 * for the connection. Every call throws `TemporalTimeoutError` when Temporal does not answer before its
 * deadline; any other error means Temporal could not be reached or refused the call.
 */
export interface ConnectionOrchestrator {
  /** Starts the connection workflow; starting it again while it runs is a no-op. */
  startConnection(input: StartConnectionInput): Promise<void>;
  /** Asks the running workflow for a sync now (or right after the one in progress). */
  requestSync(connectionId: string): Promise<void>;
  /** Asks the running workflow to stop its timers, delete the credentials and end. */
  disconnect(connectionId: string): Promise<void>;
  /** The workflow's own view of the connection, or null when no workflow exists for it. */
  getState(connectionId: string): Promise<ConnectionWorkflowState | null>;
  /** Has a worker ask Jira whether a scope's JQL is valid (the API itself never calls Jira). */
  checkScopeJql(connectionId: string, jql: string): Promise<JqlCheckOutcome>;
}

/** No connection workflow is running for this connection (never started, ended, or already cleaned up). */
export class ConnectionWorkflowNotFoundError extends Error {
  override readonly name = 'ConnectionWorkflowNotFoundError';
  readonly code = 'CONNECTION_WORKFLOW_NOT_FOUND';

  constructor(readonly connectionId: string) {
    super(`No connection workflow is running for connection ${connectionId}.`);
  }
}

/**
 * Temporal did not answer before the call's deadline (a frozen or overloaded server, a lost network).
 * The call may still have taken effect: the API says so and lets the caller repeat it.
 */
export class TemporalTimeoutError extends Error {
  override readonly name = 'TemporalTimeoutError';
  readonly code = 'TEMPORAL_TIMEOUT';

  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`Temporal did not answer ${operation} within ${timeoutMs} ms.`, options);
  }
}

/** The workflow type name the worker registers the connection workflow function under. */
export const CONNECTION_WORKFLOW_TYPE = 'connectionWorkflow';
export const CHECK_SCOPE_JQL_WORKFLOW_TYPE = 'checkScopeJqlWorkflow';

/** Workflow settings every connection gets, from configuration (tests shorten them). */
export type ConnectionWorkflowDefaults = Pick<ConnectionWorkflowInput, 'heartbeatTimeoutMs' | 'syncsPerRun'>;

/**
 * How long the API waits for Temporal. Without a deadline a call to a server that accepts the
 * connection but never answers waits forever, and so does the HTTP request behind it.
 */
export interface OrchestratorTimeouts {
  /**
   * Deadline of starting, signalling and querying a workflow, in milliseconds.
   * @default 10_000
   */
  callTimeoutMs?: number;
  /**
   * Deadline of the JQL check, which runs a short workflow on a worker that asks Jira, in milliseconds.
   * Also that workflow's execution timeout, so it does not outlive the request that wanted it.
   * @default 45_000
   */
  jqlCheckTimeoutMs?: number;
}

/** The real orchestrator, talking to a Temporal cluster through `client` on `taskQueue`. */
export function createTemporalOrchestrator(
  client: Client,
  taskQueue: string,
  defaults: ConnectionWorkflowDefaults = {},
  { callTimeoutMs = 10_000, jqlCheckTimeoutMs = 45_000 }: OrchestratorTimeouts = {},
): ConnectionOrchestrator {
  const handleFor = (connectionId: string) => client.workflow.getHandle(connectionWorkflowId(connectionId));
  const withinDeadline = <T>(operation: string, timeoutMs: number, call: () => Promise<T>): Promise<T> =>
    client.withDeadline(Date.now() + timeoutMs, call).catch((error: unknown) => {
      if (isGrpcDeadlineError(error)) throw new TemporalTimeoutError(operation, timeoutMs, { cause: error });
      throw error;
    });

  return {
    async startConnection({ connectionId, workspaceId, site, syncIntervalMs }) {
      const input: ConnectionWorkflowInput = { connectionId, workspaceId, syncIntervalMs, ...defaults };
      await withinDeadline('the workflow start', callTimeoutMs, () =>
        client.workflow.start(CONNECTION_WORKFLOW_TYPE, {
          taskQueue,
          workflowId: connectionWorkflowId(connectionId),
          args: [input],
          typedSearchAttributes: [
            { key: jiraConnectionIdKey, value: connectionId },
            { key: workspaceIdKey, value: workspaceId },
            { key: jiraSiteKey, value: site },
            { key: connectionStatusKey, value: 'validating' },
          ],
          // A retried API call (or a second start after a crash) must find the running workflow, not fail.
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    },

    async requestSync(connectionId) {
      await translateNotFound(connectionId, () =>
        withinDeadline('the sync signal', callTimeoutMs, () => handleFor(connectionId).signal(resyncSignal)),
      );
    },

    async disconnect(connectionId) {
      await translateNotFound(connectionId, () =>
        withinDeadline('the disconnect signal', callTimeoutMs, () =>
          handleFor(connectionId).signal(disconnectSignal),
        ),
      );
    },

    async checkScopeJql(connectionId, jql) {
      return withinDeadline('the JQL check', jqlCheckTimeoutMs, () =>
        client.workflow.execute(CHECK_SCOPE_JQL_WORKFLOW_TYPE, {
          taskQueue,
          workflowId: `${connectionWorkflowId(connectionId)}/check-jql/${randomUUID()}`,
          args: [{ connectionId, jql }],
          // A short request-response job: give up rather than keep the API caller waiting.
          workflowExecutionTimeout: jqlCheckTimeoutMs,
        }),
      );
    },

    async getState(connectionId) {
      try {
        return await withinDeadline('the state query', callTimeoutMs, () =>
          handleFor(connectionId).query(connectionStateQuery),
        );
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      }
    },
  };
}

async function translateNotFound(connectionId: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ConnectionWorkflowNotFoundError(connectionId);
    throw error;
  }
}
