import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config.js';
import { createCredentialCipher, parseKeyConfig } from '../db/credentials.js';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { createApp } from './app.js';
import { createTemporalOrchestrator } from './orchestrator.js';

/** The API process of a production deployment. It only starts and signals workflows; workers do the work. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error(
      'The API needs DATABASE_URL and TEMPORAL_ADDRESS (use `npm start` for the embedded setup).',
    );
  }

  const db = createDatabase(config.DATABASE_URL);
  await migrateToLatest(db);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  const app = createApp({
    db,
    orchestrator: createTemporalOrchestrator(client, config.TEMPORAL_TASK_QUEUE, {
      heartbeatTimeoutMs: config.SYNC_HEARTBEAT_TIMEOUT_SECONDS * 1000,
    }),
    cipher: createCredentialCipher(parseKeyConfig(config)),
    config,
    logger,
  });
  const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'API listening'));

  const stop = (): void => {
    server.close(() => {
      void Promise.all([connection.close(), db.destroy()]).then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  createLogger().fatal({ err: error }, 'API failed to start');
  process.exit(1);
});
