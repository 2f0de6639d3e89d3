import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './api/app.js';
import { createTemporalOrchestrator } from './api/orchestrator.js';
import type { Config } from './config.js';
import { createCredentialCipher, parseKeyConfig } from './db/credentials.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureWorkspaceWithKey, generateApiKey } from './db/workspaces.js';
import { ensureDataDir, loadOrCreateSecret } from './embedded/data-dir.js';
import { startEmbeddedPostgres } from './embedded/postgres.js';
import { locateTemporalCli } from './embedded/temporal-cli.js';
import { startTemporalDevServer } from './embedded/temporal-dev-server.js';
import { createServiceWorker } from './service-worker.js';
import { installTemporalRuntime } from './temporal-runtime.js';
import { searchAttributeArgs } from './workflows/search-attributes.js';

export interface RunningService {
  apiUrl: string;
  temporalAddress: string;
  /** Null when an external Temporal server is used. */
  temporalUiUrl: string | null;
  workspaceApiKey: string;
  /** Where the embedded database and Temporal keep their state. */
  dataDir: string;
  /** Stops the API, drains the worker, then stops the embedded servers. */
  stop(): Promise<void>;
}

/**
 * Runs the whole service in one process tree: the API, a worker, and — where no external ones are
 * configured — an embedded PostgreSQL (PGlite) and a Temporal dev server, both keeping their state in
 * the data folder. This is the `npm start` path; production runs the API and workers separately.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const dataDir = await ensureDataDir(resolve(config.DATA_DIR));
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        logger.warn({ err: error }, 'stopping a part of the service failed'),
      );
    }
  };

  try {
    let databaseUrl = config.DATABASE_URL;
    let poolSize = 10;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({ dataDir, port: 0, logger });
      cleanups.push(postgres.stop);
      databaseUrl = postgres.url;
      poolSize = postgres.poolSize;
      logger.info('embedded PostgreSQL started (PGlite)');
    }

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const binary = await locateTemporalCli({ toolsDir: resolve('.tools'), logger });
      const server = await startTemporalDevServer({
        binary,
        dataDir,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        searchAttributes: searchAttributeArgs,
        logger,
      });
      cleanups.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }

    const credentialsKey =
      config.CREDENTIALS_KEY ??
      (await loadOrCreateSecret(dataDir, 'credentials-key', () => randomBytes(32).toString('base64')));
    const cipher = createCredentialCipher(parseKeyConfig({ ...config, CREDENTIALS_KEY: credentialsKey }));

    const db = createDatabase(databaseUrl, { maxConnections: poolSize });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);

    const workspaceApiKey =
      config.WORKSPACE_API_KEY ?? (await loadOrCreateSecret(dataDir, 'workspace-api-key', generateApiKey));
    await ensureWorkspaceWithKey(db, 'Default workspace', workspaceApiKey);

    installTemporalRuntime(logger, 'WARN');
    const { worker, close: closeWorkerConnection } = await createServiceWorker({
      temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
      deps: { db, cipher, logger, siteBaseUrls: config.JIRA_SITE_BASE_URLS },
    });
    const workerRun = worker.run();
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await closeWorkerConnection();
    });

    const clientConnection = await Connection.connect({ address: temporalAddress });
    cleanups.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });

    const app = createApp({
      db,
      orchestrator: createTemporalOrchestrator(client, config.TEMPORAL_TASK_QUEUE, {
        heartbeatTimeoutMs: config.SYNC_HEARTBEAT_TIMEOUT_SECONDS * 1000,
      }),
      cipher,
      config,
      logger,
    });
    const server = await new Promise<import('node:http').Server>((resolveListen, reject) => {
      const s = app.listen(config.PORT, '127.0.0.1', () => resolveListen(s));
      s.once('error', reject);
    });
    cleanups.push(() => new Promise((done) => server.close(() => done())));
    const { port } = server.address() as AddressInfo;

    return {
      apiUrl: `http://127.0.0.1:${port}`,
      temporalAddress,
      temporalUiUrl,
      workspaceApiKey,
      dataDir,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
