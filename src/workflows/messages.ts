import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/** The connection workflow's id is derived from the connection, so a second start finds the first. */
export function connectionWorkflowId(connectionId: string): string {
  return `jira-connection/${connectionId}`;
}

export interface ConnectionWorkflowInput {
  connectionId: string;
  workspaceId: string;
  /** Time between periodic syncs, in milliseconds. */
  syncIntervalMs: number;
  /** How long a sync activity may go without a heartbeat before another worker takes it over. Default 60 s. */
  heartbeatTimeoutMs?: number;
  /** Syncs per workflow run before continue-as-new (the server may suggest it sooner). Default 50. */
  syncsPerRun?: number;
  /** Carried across continue-as-new; absent on the first run. */
  state?: ConnectionWorkflowState;
}

export type ConnectionPhase = 'validating' | 'active' | 'needs_attention' | 'disconnected';

/** Small and secret-free: this is written to workflow history. */
export interface ConnectionWorkflowState {
  phase: ConnectionPhase;
  syncing: boolean;
  statusCode: string | null;
  lastSyncRunId: string | null;
  lastSyncFinishedAt: string | null;
  lastSyncStatus: string | null;
  syncsCompleted: number;
  resyncRequested: boolean;
  disconnectRequested: boolean;
}

/** Starts a sync now (or right after the one running). */
export const resyncSignal = defineSignal('resync');
/** Stops the periodic sync, deletes the stored credentials and ends the workflow. */
export const disconnectSignal = defineSignal('disconnect');
/** Like `resyncSignal`, for callers that want to know whether the request was accepted. */
export const resyncUpdate = defineUpdate<{ accepted: boolean; phase: ConnectionPhase }>('requestResync');
export const connectionStateQuery = defineQuery<ConnectionWorkflowState>('connectionState');
