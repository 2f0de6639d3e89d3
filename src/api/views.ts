import type { Connection, Scope, SyncRun } from '../db/schema.js';
import type { ConnectionView, SyncRunView } from './schemas/connections.js';
import type { ScopeView } from './schemas/scopes.js';

/**
 * Database rows as the API shows them. Credentials never appear here: they live in another table and
 * no view reads it.
 */
export function toConnectionView(
  connection: Connection,
  lastSyncRun: SyncRun | null,
  scopes: Scope[],
): ConnectionView {
  const statusReason =
    connection.status_code === null
      ? null
      : { code: connection.status_code, message: connection.status_message ?? '' };

  return {
    id: connection.id,
    type: connection.type,
    site: connection.site,
    status: connection.status,
    syncing: lastSyncRun?.status === 'running',
    statusReason,
    purposes: connection.purposes,
    accountId: connection.account_id,
    cloudId: connection.cloud_id,
    syncIntervalSeconds: connection.sync_interval_seconds,
    createdAt: connection.created_at.toISOString(),
    updatedAt: connection.updated_at.toISOString(),
    disconnectedAt: connection.disconnected_at?.toISOString() ?? null,
    lastSyncRun: lastSyncRun ? toSyncRunView(lastSyncRun) : null,
    scopes: scopes.map(toScopeView),
  };
}

export function toSyncRunView(run: SyncRun): SyncRunView {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: run.started_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
    counts: run.counts,
    problems: run.problems,
    error: run.error_code === null ? null : { code: run.error_code, message: run.error_message ?? '' },
  };
}

export function toScopeView(scope: Scope): ScopeView {
  return {
    purpose: scope.purpose,
    version: scope.version,
    definition: scope.definition,
    options: scope.options,
    createdAt: scope.created_at.toISOString(),
  };
}
