import type { Connection } from '../db/schema.js';
import { ConnectionWorkflowNotFoundError, type ConnectionOrchestrator } from './orchestrator.js';

/**
 * Asks the connection's workflow for a sync. When no workflow runs for the connection any more (it
 * ended after a failure, or its history was lost), a new one is started: it validates the credentials
 * and syncs, which is what the caller asked for. Errors other than "not found" are thrown as they are.
 */
export async function requestSyncOrRestart(
  orchestrator: ConnectionOrchestrator,
  connection: Connection,
): Promise<void> {
  try {
    await orchestrator.requestSync(connection.id);
  } catch (error) {
    if (!(error instanceof ConnectionWorkflowNotFoundError)) throw error;

    await orchestrator.startConnection({
      connectionId: connection.id,
      workspaceId: connection.workspace_id,
      site: connection.site,
      syncIntervalMs: connection.sync_interval_seconds * 1000,
    });
  }
}
