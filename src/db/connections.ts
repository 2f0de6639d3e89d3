import type { Kysely } from 'kysely';
import { LIVE_CONNECTION_PER_SITE_INDEX } from './migrations/0003-one-live-connection-per-site.js';
import type { Connection, ConnectionStatus, ConnectionType, Database, Purpose, SyncRun } from './schema.js';

export interface NewConnectionValues {
  id: string;
  workspaceId: string;
  type: ConnectionType;
  /** Already normalised (see `normalizeSite`). */
  site: string;
  purposes: Purpose[];
  status: ConnectionStatus;
  syncIntervalSeconds: number;
  now: Date;
}

/** The workspace already has a connection to this site that is not disconnected. */
export class LiveConnectionExistsError extends Error {
  override readonly name = 'LiveConnectionExistsError';
  readonly code = 'CONNECTION_EXISTS';

  constructor(
    readonly workspaceId: string,
    readonly site: string,
  ) {
    super(`Workspace ${workspaceId} already has a connection to ${site} that is not disconnected.`);
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Inserts a connection row and returns it as stored. A workspace has at most one live (not
 * disconnected) connection per site, enforced by a unique index so that two concurrent inserts cannot
 * both succeed: the loser gets `LiveConnectionExistsError`.
 */
export async function insertConnection(
  db: Kysely<Database>,
  values: NewConnectionValues,
): Promise<Connection> {
  try {
    return await insertConnectionRow(db, values);
  } catch (error) {
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    if (code === UNIQUE_VIOLATION && constraint === LIVE_CONNECTION_PER_SITE_INDEX) {
      throw new LiveConnectionExistsError(values.workspaceId, values.site);
    }
    throw error;
  }
}

async function insertConnectionRow(db: Kysely<Database>, values: NewConnectionValues): Promise<Connection> {
  return db
    .insertInto('connections')
    .values({
      id: values.id,
      workspace_id: values.workspaceId,
      type: values.type,
      site: values.site,
      purposes: JSON.stringify(values.purposes),
      status: values.status,
      sync_interval_seconds: values.syncIntervalSeconds,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A connection of this workspace, or null. Always filtered by workspace, so a caller holding another
 * workspace's id learns nothing (the API answers 404 for both cases).
 */
export async function findConnection(
  db: Kysely<Database>,
  workspaceId: string,
  connectionId: string,
): Promise<Connection | null> {
  const row = await db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', connectionId)
    .executeTakeFirst();

  return row ?? null;
}

/** The workspace's connection to `site` that is not disconnected, or null (there is at most one). */
export async function findLiveConnection(
  db: Kysely<Database>,
  workspaceId: string,
  site: string,
): Promise<Connection | null> {
  const row = await db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('site', '=', site)
    .where('status', '<>', 'disconnected')
    .executeTakeFirst();

  return row ?? null;
}

/**
 * Removes a connection with everything stored for it (credentials, scopes, synced data). Only for a
 * connection that never came to life: a disconnected one keeps its evidence.
 */
export async function deleteConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db.deleteFrom('connections').where('id', '=', connectionId).execute();
}

/** Every connection of a workspace, newest first, disconnected ones included. */
export async function listConnections(db: Kysely<Database>, workspaceId: string): Promise<Connection[]> {
  return db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Records that a connection is disconnected. Used by the API when the connection workflow is already
 * gone and cannot do it itself; keeps the first `disconnected_at` when called twice.
 */
export async function markConnectionDisconnected(
  db: Kysely<Database>,
  connectionId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('connections')
    .set((eb) => ({
      status: 'disconnected',
      status_code: null,
      status_message: null,
      updated_at: now,
      disconnected_at: eb.fn.coalesce('disconnected_at', eb.val(now)),
    }))
    .where('id', '=', connectionId)
    .execute();
}

/** The most recent sync run (by start time) of each given connection; connections without runs are absent. */
export async function latestSyncRuns(
  db: Kysely<Database>,
  connectionIds: string[],
): Promise<Map<string, SyncRun>> {
  if (connectionIds.length === 0) return new Map();

  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .distinctOn('connection_id')
    .where('connection_id', 'in', connectionIds)
    .orderBy('connection_id')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

  return new Map(rows.map((row) => [row.connection_id, row]));
}
