import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database, SyncCounts, SyncProblem, SyncRun, SyncRunStatus } from './schema.js';

const EMPTY_COUNTS: SyncCounts = { projects: 0, statuses: 0, issues: 0, pages: 0 };

export async function createSyncRun(
  db: Kysely<Database>,
  connectionId: string,
  kind: 'full' | 'incremental',
  startedAt: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('sync_runs')
    .values({
      id,
      connection_id: connectionId,
      kind,
      status: 'running',
      started_at: startedAt,
      counts: JSON.stringify(EMPTY_COUNTS),
      problems: '[]',
    })
    .execute();

  return id;
}

export async function findSyncRun(db: Kysely<Database>, syncRunId: string): Promise<SyncRun | undefined> {
  return db.selectFrom('sync_runs').selectAll().where('id', '=', syncRunId).executeTakeFirst();
}

/**
 * Records progress while the run goes on: counts for the API, and the checkpoint a retry resumes from.
 * Returns false when the run is no longer running (it was cancelled or already finished).
 */
export async function recordSyncProgress(
  db: Kysely<Database>,
  syncRunId: string,
  progress: { counts: SyncCounts; problems: SyncProblem[]; checkpoint: unknown },
): Promise<boolean> {
  const result = await db
    .updateTable('sync_runs')
    .set({
      counts: JSON.stringify(progress.counts),
      problems: JSON.stringify(progress.problems),
      checkpoint: JSON.stringify(progress.checkpoint),
    })
    .where('id', '=', syncRunId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function finishSyncRun(
  db: Kysely<Database>,
  syncRunId: string,
  outcome: {
    status: Exclude<SyncRunStatus, 'running'>;
    finishedAt: Date;
    counts?: SyncCounts;
    problems?: SyncProblem[];
    errorCode?: string | null;
    errorMessage?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      status: outcome.status,
      finished_at: outcome.finishedAt,
      ...(outcome.counts ? { counts: JSON.stringify(outcome.counts) } : {}),
      ...(outcome.problems ? { problems: JSON.stringify(outcome.problems) } : {}),
      error_code: outcome.errorCode ?? null,
      error_message: outcome.errorMessage ?? null,
    })
    .where('id', '=', syncRunId)
    // A run ends once: a late attempt of a cancelled or finished run must not rewrite its outcome.
    .where('status', '=', 'running')
    .execute();
}

export async function latestSyncRun(
  db: Kysely<Database>,
  connectionId: string,
): Promise<SyncRun | undefined> {
  return db
    .selectFrom('sync_runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
