import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { locateTemporalCli } from '../../src/embedded/temporal-cli.js';
import { startTemporalDevServer } from '../../src/embedded/temporal-dev-server.js';
import { createLogger } from '../../src/logger.js';
import { searchAttributeArgs } from '../../src/workflows/search-attributes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** `host:port` of the run's Temporal dev server (namespace `default`, search attributes registered). */
    temporalAddress: string;
    /** The `temporal` CLI binary the server was started from. */
    temporalCliPath: string;
    /** src/workflows/index.ts bundled once for `Worker.create({ workflowBundle: { codePath } })`; '' if absent. */
    workflowBundlePath: string;
  }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workflowsPath = join(repoRoot, 'src', 'workflows', 'index.ts');

/**
 * Shared infrastructure for one test run, set up once rather than per file because each piece is slow
 * on a small machine: a fresh migrated PostgreSQL database, one Temporal dev server, and the workflow
 * bundle. Everything is removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns: Array<() => Promise<void>> = [];
  const teardown = async () => {
    const failures: unknown[] = [];
    for (const step of teardowns.reverse()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };

  // Settled rather than raced: when one part fails, the others finish starting so they can be stopped.
  const [database, temporal, bundle] = await Promise.allSettled([
    createTestDatabase(teardowns),
    startTestTemporal(teardowns),
    bundleWorkflows(teardowns),
  ]);
  if (database.status === 'rejected' || temporal.status === 'rejected' || bundle.status === 'rejected') {
    await teardown().catch(() => {});
    throw [database, temporal, bundle].find((result) => result.status === 'rejected')?.reason;
  }

  project.provide('databaseUrl', database.value);
  project.provide('temporalAddress', temporal.value.address);
  project.provide('temporalCliPath', temporal.value.binary);
  project.provide('workflowBundlePath', bundle.value);

  return teardown;
}

/**
 * One database per test run, on the server named by `DATABASE_URL` (default: the local PostgreSQL),
 * so runs never see each other's rows. It is dropped when the run ends.
 */
async function createTestDatabase(teardowns: Array<() => Promise<void>>): Promise<string> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `jira_compliance_test_${Date.now()}_${process.pid}`;

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  teardowns.push(async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await cleanup.end();
  });

  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  const db = createDatabase(databaseUrl, { maxConnections: 1 });
  await migrateToLatest(db);
  await db.destroy();

  return databaseUrl;
}

/** Finds (or builds) the pinned Temporal CLI and starts one headless dev server on a free port. */
async function startTestTemporal(
  teardowns: Array<() => Promise<void>>,
): Promise<{ address: string; binary: string }> {
  // At info level, so a first-time Go build of the CLI shows its progress instead of a silent pause.
  const binary = await locateTemporalCli({
    toolsDir: resolve(repoRoot, '.tools'),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'info'),
  });
  const server = await startTemporalDevServer({
    binary,
    port: 0,
    headless: true,
    searchAttributes: searchAttributeArgs,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'warn'),
  });
  teardowns.push(server.stop);

  return { address: server.address, binary };
}

/**
 * Bundles the service's workflows once, so test files create workers from the bundle in milliseconds
 * instead of each running webpack. Returns '' while src/workflows/index.ts does not exist.
 */
async function bundleWorkflows(teardowns: Array<() => Promise<void>>): Promise<string> {
  if (!existsSync(workflowsPath)) return '';

  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const bundlePath = join(tmpdir(), `jira-compliance-workflows-${process.pid}-${Date.now()}.js`);
  await writeFile(bundlePath, code);
  teardowns.push(() => rm(bundlePath, { force: true }));

  return bundlePath;
}
