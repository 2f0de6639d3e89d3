import { WorkflowNotFoundError, type Client } from '@temporalio/client';
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
 * for the connection; any other error means Temporal could not be reached or refused the call.
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

/** The workflow type name the worker registers the connection workflow function under. */
export const CONNECTION_WORKFLOW_TYPE = 'connectionWorkflow';
export const CHECK_SCOPE_JQL_WORKFLOW_TYPE = 'checkScopeJqlWorkflow';

/** The real orchestrator, talking to a Temporal cluster through `client` on `taskQueue`. */
/** Workflow settings every connection gets, from configuration (tests shorten them). */
export type ConnectionWorkflowDefaults = Pick<ConnectionWorkflowInput, 'heartbeatTimeoutMs' | 'syncsPerRun'>;

export function createTemporalOrchestrator(
  client: Client,
  taskQueue: string,
  defaults: ConnectionWorkflowDefaults = {},
): ConnectionOrchestrator {
  const handleFor = (connectionId: string) => client.workflow.getHandle(connectionWorkflowId(connectionId));

  return {
    async startConnection({ connectionId, workspaceId, site, syncIntervalMs }) {
      const input: ConnectionWorkflowInput = { connectionId, workspaceId, syncIntervalMs, ...defaults };
      await client.workflow.start(CONNECTION_WORKFLOW_TYPE, {
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
      });
    },

    async requestSync(connectionId) {
      await translateNotFound(connectionId, () => handleFor(connectionId).signal(resyncSignal));
    },

    async disconnect(connectionId) {
      await translateNotFound(connectionId, () => handleFor(connectionId).signal(disconnectSignal));
    },

    async checkScopeJql(connectionId, jql) {
      return client.workflow.execute(CHECK_SCOPE_JQL_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: `${connectionWorkflowId(connectionId)}/check-jql/${randomUUID()}`,
        args: [{ connectionId, jql }],
        // A short request-response job: give up rather than keep the API caller waiting.
        workflowExecutionTimeout: '45 seconds',
      });
    },

    async getState(connectionId) {
      try {
        return await handleFor(connectionId).query(connectionStateQuery);
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
