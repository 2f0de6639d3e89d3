import { updateConnectionStatus } from '../db/connection-status.js';
import { deleteCredentials } from '../db/credentials.js';
import type { ConnectionRef } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';

/** Deletes the stored credentials and marks the connection disconnected; synced data and evidence stay. */
export function createDisconnectConnection(deps: ActivityDependencies) {
  return async function disconnectConnection({ connectionId }: ConnectionRef): Promise<void> {
    await deps.db.transaction().execute(async (trx) => {
      await deleteCredentials(trx, connectionId);
      await updateConnectionStatus(trx, connectionId, { status: 'disconnected', code: null, message: null });
    });
    deps.logger.info({ connectionId }, 'connection disconnected');
  };
}
