import { sql, type Kysely } from 'kysely';

/**
 * A check that looks at several connections uses one sync run of each, so a result names a list of
 * runs (`sync_run_id` stays for results based on exactly one run). The check's name is kept with each
 * result, as it was worded when the result was made.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('check_results')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sync_run_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}
