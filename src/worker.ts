import { loadConfig } from './config.js';
import { createCredentialCipher, parseKeyConfig } from './db/credentials.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createServiceWorker } from './service-worker.js';
import { installTemporalRuntime } from './temporal-runtime.js';

/**
 * The worker process of a production deployment: runs the connection workflows and their activities.
 * Run as many as needed against one Temporal cluster and one PostgreSQL.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error(
      'The worker needs DATABASE_URL and TEMPORAL_ADDRESS (use `npm start` for the embedded setup).',
    );
  }

  installTemporalRuntime(logger);
  const db = createDatabase(config.DATABASE_URL);
  await migrateToLatest(db);

  const { worker, close } = await createServiceWorker({
    temporalAddress: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    deps: {
      db,
      cipher: createCredentialCipher(parseKeyConfig(config)),
      logger,
      siteBaseUrls: config.JIRA_SITE_BASE_URLS,
    },
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');

  // The SDK's runtime drains the worker on SIGINT/SIGTERM; run() resolves once it has stopped.
  await worker.run();
  await close();
  await db.destroy();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  createLogger().fatal({ err: error }, 'worker failed');
  process.exit(1);
});
