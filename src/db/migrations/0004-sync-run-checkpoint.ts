import type { Kysely } from 'kysely';

/**
 * Where a sync run stands (the planned scope passes, the current page cursor, counts), written with every
 * stored page. A retried sync resumes from it exactly, whatever the last heartbeat Temporal received.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_runs').addColumn('checkpoint', 'jsonb').execute();
}
