import { ApplicationFailure } from '@temporalio/activity';
import { findConnectionById, updateConnectionStatus } from '../db/connection-status.js';
import { scopeWatermark } from '../db/scope-sync.js';
import { latestScopes } from '../db/scopes.js';
import { createSyncRun, finishSyncRun } from '../db/sync-runs.js';
import type { ConnectionRef, FinishSyncRunInput, StatusChange } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';

/** Opens a sync run: full while there is no scope or a scope has never been synced whole, incremental after. */
export function createStartSyncRun(deps: ActivityDependencies) {
  return async function startSyncRun({ connectionId }: ConnectionRef): Promise<{ syncRunId: string }> {
    const connection = await findConnectionById(deps.db, connectionId);
    if (!connection) {
      throw ApplicationFailure.create({
        type: 'CONNECTION_NOT_FOUND',
        message: 'Connection not found.',
        nonRetryable: true,
      });
    }

    const scopes = await latestScopes(deps.db, [connectionId]);
    const watermarks = await Promise.all(scopes.map((s) => scopeWatermark(deps.db, s.id)));
    const kind = scopes.length === 0 || watermarks.some((w) => w === null) ? 'full' : 'incremental';
    const syncRunId = await createSyncRun(deps.db, connectionId, kind, (deps.clock ?? (() => new Date()))());
    deps.logger.info({ connectionId, syncRunId, kind }, 'sync started');

    return { syncRunId };
  };
}

export function createFailSyncRun(deps: ActivityDependencies) {
  return async function failSyncRun(input: FinishSyncRunInput): Promise<void> {
    await finishSyncRun(deps.db, input.syncRunId, {
      status: 'failed',
      finishedAt: (deps.clock ?? (() => new Date()))(),
      errorCode: input.errorCode,
      errorMessage: input.errorMessage,
    });
    deps.logger.warn(
      { connectionId: input.connectionId, syncRunId: input.syncRunId, code: input.errorCode },
      'sync failed',
    );
  };
}

export function createSetConnectionStatus(deps: ActivityDependencies) {
  return async function setConnectionStatus(change: StatusChange): Promise<void> {
    await updateConnectionStatus(deps.db, change.connectionId, change);
    deps.logger.info(
      { connectionId: change.connectionId, status: change.status, code: change.code },
      'connection status changed',
    );
  };
}
