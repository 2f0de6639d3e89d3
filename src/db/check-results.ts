import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CheckResult } from '../checks/types.js';
import {
  checkResultColumns,
  checkResultFromRow,
  checkResultToRow,
  pickCheckResult,
  type CheckResultRowFields,
  type StoredCheckResult,
} from './check-result-row.js';
import { appendEvidence, clampLimit } from './evidence.js';
import type { Database } from './schema.js';

export type { StoredCheckResult } from './check-result-row.js';

/**
 * Stores the results of one evaluation and appends each to its evidence chain, all in one transaction:
 * either every result and its evidence is written, or none is. `db` must not itself be a transaction.
 * Returns the stored results in the order given.
 */
export async function storeCheckResults(
  db: Kysely<Database>,
  workspaceId: string,
  results: readonly CheckResult[],
): Promise<StoredCheckResult[]> {
  if (results.length === 0) return [];

  // Chains are locked in check-id order, so two concurrent evaluations never wait for each other.
  const inLockOrder = [...results.entries()].sort(([, a], [, b]) =>
    a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0,
  );

  const stored = await db.transaction().execute(async (trx) => {
    const byIndex = new Map<number, StoredCheckResult>();
    for (const [index, result] of inLockOrder) {
      const id = randomUUID();
      await trx
        .insertInto('check_results')
        .values(checkResultToRow(id, workspaceId, result))
        .execute();
      const evidence = await appendEvidence(trx, workspaceId, id, result);
      byIndex.set(index, {
        ...pickCheckResult(result),
        id,
        workspaceId,
        sequence: evidence.sequence,
        hash: evidence.hash,
      });
    }
    return byIndex;
  });

  return results.map((_, index) => stored.get(index) as StoredCheckResult);
}

/** The newest result of every check of the workspace, by check id. */
export async function latestCheckResults(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<StoredCheckResult[]> {
  const rows = await selectStored(db, workspaceId)
    .distinctOn('check_results.check_id')
    .orderBy('check_results.check_id')
    .orderBy('check_results.evaluated_at', 'desc')
    .orderBy('evidence.sequence', 'desc')
    .execute();

  return rows.map(toStored);
}

/** The newest result of one check, or null before its first evaluation. */
export async function latestCheckResult(
  db: Kysely<Database>,
  workspaceId: string,
  checkId: string,
): Promise<StoredCheckResult | null> {
  const row = await newestFirst(selectStored(db, workspaceId).where('check_results.check_id', '=', checkId))
    .limit(1)
    .executeTakeFirst();

  return row ? toStored(row) : null;
}

/** What the check said at an instant: its newest result evaluated at or before `at`, or null. */
export async function checkResultAt(
  db: Kysely<Database>,
  workspaceId: string,
  checkId: string,
  at: Date,
): Promise<StoredCheckResult | null> {
  const row = await newestFirst(
    selectStored(db, workspaceId)
      .where('check_results.check_id', '=', checkId)
      .where('check_results.evaluated_at', '<=', at),
  )
    .limit(1)
    .executeTakeFirst();

  return row ? toStored(row) : null;
}

export interface HistoryOptions {
  /** Inclusive: results evaluated at or after this instant. */
  from?: Date;
  /** Exclusive: results evaluated before this instant. */
  to?: Date;
  /** At most this many results, newest first. Default 100, at most 1000. */
  limit?: number;
}

/** The results of one check in a period, newest first. */
export async function checkResultHistory(
  db: Kysely<Database>,
  workspaceId: string,
  checkId: string,
  options: HistoryOptions = {},
): Promise<StoredCheckResult[]> {
  let query = selectStored(db, workspaceId).where('check_results.check_id', '=', checkId);
  if (options.from) query = query.where('check_results.evaluated_at', '>=', options.from);
  if (options.to) query = query.where('check_results.evaluated_at', '<', options.to);
  const rows = await newestFirst(query).limit(clampLimit(options.limit)).execute();

  return rows.map(toStored);
}

function selectStored(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('check_results')
    .innerJoin('evidence', 'evidence.check_result_id', 'check_results.id')
    .select(checkResultColumns)
    .select(['evidence.sequence', 'evidence.hash'])
    .where('check_results.workspace_id', '=', workspaceId);
}

function newestFirst<Q extends ReturnType<typeof selectStored>>(query: Q) {
  return query.orderBy('check_results.evaluated_at', 'desc').orderBy('evidence.sequence', 'desc');
}

function toStored(row: CheckResultRowFields & { sequence: number; hash: string }): StoredCheckResult {
  return {
    ...checkResultFromRow(row),
    id: row.id,
    workspaceId: row.workspace_id,
    sequence: row.sequence,
    hash: row.hash,
  };
}
