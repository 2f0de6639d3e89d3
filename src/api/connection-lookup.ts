import type { Kysely } from 'kysely';
import { findConnection } from '../db/connections.js';
import type { Connection, Database } from '../db/schema.js';
import { connectionNotFound } from './errors.js';
import { UUID_PATTERN } from './schemas/common.js';

/**
 * The connection a path names, within the caller's workspace, or a 404. A malformed id is a 404 too:
 * it names no connection, and it must not reach PostgreSQL as a uuid and fail there as a 500.
 */
export async function requireConnection(
  db: Kysely<Database>,
  workspaceId: string,
  connectionId: string | undefined,
): Promise<Connection> {
  if (!connectionId || !UUID_PATTERN.test(connectionId)) throw connectionNotFound();

  const connection = await findConnection(db, workspaceId, connectionId);
  if (!connection) throw connectionNotFound();

  return connection;
}
