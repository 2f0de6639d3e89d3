import { sql, type Kysely } from 'kysely';

/** The partial unique index behind "one live connection per site and workspace"; named in errors. */
export const LIVE_CONNECTION_PER_SITE_INDEX = 'connections_live_site_key';

/**
 * A workspace connects each Jira site at most once at a time: two live connections to one site would
 * sync the same issues twice and count every check twice. Disconnected connections keep their evidence
 * and do not count, so a site can be connected again after a disconnect.
 *
 * A database that already holds such duplicates cannot get the index; the migration stops and names
 * them, because choosing which connection to keep is the operator's call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const { rows: duplicates } = await sql<{ workspace_id: string; site: string; ids: string[] }>`
    select workspace_id, site, array_agg(id::text order by created_at) as ids
    from connections
    where status <> 'disconnected'
    group by workspace_id, site
    having count(*) > 1
  `.execute(db);
  if (duplicates.length > 0) {
    const listed = duplicates.map((d) => `workspace ${d.workspace_id}, site ${d.site}: ${d.ids.join(', ')}`);
    throw new Error(
      'Some workspaces have several live connections to the same Jira site, which this version no longer ' +
        `allows (${listed.join('; ')}). With the previous version running, disconnect all but one of each ` +
        '(DELETE /v1/connections/{id}), then start this version again.',
    );
  }

  await db.schema
    .createIndex(LIVE_CONNECTION_PER_SITE_INDEX)
    .on('connections')
    .columns(['workspace_id', 'site'])
    .unique()
    .where(sql.ref('status'), '<>', 'disconnected')
    .execute();
}
