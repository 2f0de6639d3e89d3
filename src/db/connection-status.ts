import type { Kysely } from 'kysely';
import type { Connection, ConnectionStatus, Database } from './schema.js';

/** Reads one connection by id, whatever its workspace (activities act on ids the workflow holds). */
export async function findConnectionById(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Connection | undefined> {
  return db.selectFrom('connections').selectAll().where('id', '=', connectionId).executeTakeFirst();
}

/** Records the connection's lifecycle state with the code and message that tell a person what to do. */
export async function updateConnectionStatus(
  db: Kysely<Database>,
  connectionId: string,
  change: { status: ConnectionStatus; code: string | null; message: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('connections')
    .set({
      status: change.status,
      status_code: change.code,
      status_message: change.message,
      updated_at: now,
      ...(change.status === 'disconnected' ? { disconnected_at: now } : {}),
    })
    .where('id', '=', connectionId)
    .execute();
}
