import type { Insertable } from 'kysely';
import type { CheckResult, FailingEntity } from '../checks/types.js';
import type { CheckResultsTable } from './schema.js';

/** A check result as stored: the result, its row id and its place in the evidence chain. */
export interface StoredCheckResult extends CheckResult {
  id: string;
  workspaceId: string;
  /** Position in the evidence chain of this workspace's check, from 1. */
  sequence: number;
  /** The evidence hash of this result's record. */
  hash: string;
}

/** The `check_results` columns a result is read from. */
export const checkResultColumns = [
  'check_results.id',
  'check_results.workspace_id',
  'check_results.check_id',
  'check_results.name',
  'check_results.status',
  'check_results.reason',
  'check_results.evaluated_at',
  'check_results.sync_run_ids',
  'check_results.scope_versions',
  'check_results.failing_entities',
  'check_results.auditor_jql',
  'check_results.summary',
] as const;

export interface CheckResultRowFields {
  id: string;
  workspace_id: string;
  check_id: string;
  name: string;
  status: CheckResult['status'];
  reason: string;
  evaluated_at: Date;
  sync_run_ids: string[];
  scope_versions: Record<string, number>;
  failing_entities: unknown[];
  auditor_jql: string | null;
  summary: Record<string, unknown>;
}

export function checkResultToRow(
  id: string,
  workspaceId: string,
  result: CheckResult,
): Insertable<CheckResultsTable> {
  return {
    id,
    workspace_id: workspaceId,
    check_id: result.checkId,
    name: result.name,
    status: result.status,
    reason: result.reason,
    evaluated_at: result.evaluatedAt,
    sync_run_id: result.syncRunIds.length === 1 ? (result.syncRunIds[0] ?? null) : null,
    sync_run_ids: JSON.stringify(result.syncRunIds),
    scope_versions: JSON.stringify(result.scopeVersions),
    failing_entities: JSON.stringify(result.failingEntities),
    auditor_jql: result.auditorJql,
    summary: JSON.stringify(result.summary),
  };
}

/** Only the fields of a check result, whatever else the object carries (a stored result's id, say). */
export function pickCheckResult(result: CheckResult): CheckResult {
  return {
    checkId: result.checkId,
    name: result.name,
    status: result.status,
    reason: result.reason,
    evaluatedAt: result.evaluatedAt,
    syncRunIds: result.syncRunIds,
    scopeVersions: result.scopeVersions,
    failingEntities: result.failingEntities,
    auditorJql: result.auditorJql,
    summary: result.summary,
  };
}

export function checkResultFromRow(row: CheckResultRowFields): CheckResult {
  return {
    checkId: row.check_id,
    name: row.name,
    status: row.status,
    reason: row.reason,
    evaluatedAt: row.evaluated_at,
    syncRunIds: row.sync_run_ids,
    scopeVersions: row.scope_versions,
    // Written from `FailingEntity[]` by `checkResultToRow`; the column type cannot say so.
    failingEntities: row.failing_entities as FailingEntity[],
    auditorJql: row.auditor_jql,
    summary: row.summary,
  };
}
