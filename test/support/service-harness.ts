import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, inject } from 'vitest';
import { createActivities } from '../../src/activities/index.js';
import { createApp } from '../../src/api/app.js';
import { createTemporalOrchestrator } from '../../src/api/orchestrator.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createCredentialCipher, type CredentialCipher } from '../../src/db/credentials.js';
import { createDatabase } from '../../src/db/database.js';
import { ensureWorkspaceWithKey, generateApiKey } from '../../src/db/workspaces.js';
import { createLogger } from '../../src/logger.js';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
  type RealisticScenarioOptions,
} from '../../src/simulator/index.js';
import { installTemporalRuntime } from '../../src/temporal-runtime.js';

export const SITE = 'acme.atlassian.net';

export interface ServiceHarness {
  apiUrl: string;
  apiKey: string;
  workspaceId: string;
  taskQueue: string;
  db: ReturnType<typeof createDatabase>;
  env: TestWorkflowEnvironment;
  cipher: CredentialCipher;
  credentialsKey: string;
  config: Config;
  /** Calls the API with the workspace key; returns status and parsed JSON body. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Starts another worker on the harness's task queue (in this process). */
  startWorker(): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The service as a user gets it, wired to test infrastructure: the real API on a random port, a real
 * worker on the run's Temporal dev server with a task queue of its own, the run's PostgreSQL database,
 * and Jira sites routed to a simulator.
 */
export interface HarnessOptions {
  siteBaseUrls: Record<string, string>;
  syncIntervalSeconds?: number;
  withWorker?: boolean;
  heartbeatTimeoutMs?: number;
  syncsPerRun?: number;
}

export async function startServiceHarness(options: HarnessOptions): Promise<ServiceHarness> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  installTemporalRuntime(logger, 'WARN');
  const taskQueue = `test-${randomUUID()}`;
  const credentialsKey = randomBytes(32).toString('base64');
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    CREDENTIALS_KEY: credentialsKey,
    SYNC_INTERVAL_SECONDS: String(options.syncIntervalSeconds ?? 3600),
    LOG_LEVEL: 'silent',
  });

  const db = createDatabase(inject('databaseUrl'));
  const cipher = createCredentialCipher({
    currentKeyId: 'k1',
    keys: { k1: Buffer.from(credentialsKey, 'base64') },
  });
  const apiKey = generateApiKey();
  const workspace = await ensureWorkspaceWithKey(db, `Test workspace ${taskQueue}`, apiKey);

  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress') });
  const deps = {
    db,
    cipher,
    logger,
    siteBaseUrls: options.siteBaseUrls,
    jiraRetry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
  };
  const startWorker = async (): Promise<{ stop(): Promise<void> }> => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(deps),
    });
    const running = worker.run();
    return {
      stop: async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    };
  };
  const workers: Array<{ stop(): Promise<void> }> = [];
  if (options.withWorker !== false) workers.push(await startWorker());

  const app = createApp({
    db,
    orchestrator: createTemporalOrchestrator(env.client, taskQueue, {
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
      syncsPerRun: options.syncsPerRun,
    }),
    cipher,
    config,
    logger,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl,
    apiKey,
    workspaceId: workspace.id,
    taskQueue,
    db,
    env,
    cipher,
    credentialsKey,
    config,
    async call(method, path, body) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async startWorker() {
      const worker = await startWorker();
      workers.push(worker);
      return worker;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const worker of workers) await worker.stop();
      await env.teardown();
      await db.destroy();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${description}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Connects the simulator's site with its API user's token (or `apiToken`), as a user would; returns the id. */
export async function connectApiToken(
  harness: ServiceHarness,
  simulator: { scenario: { credentials: { email: string; apiToken: string } } },
  purposes: string[],
  apiToken = simulator.scenario.credentials.apiToken,
): Promise<string> {
  const created = await harness.call('POST', '/v1/connections', {
    type: 'api_token',
    site: SITE,
    email: simulator.scenario.credentials.email,
    apiToken,
    purposes,
  });
  if (created.status !== 201) throw new Error(`connecting failed: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export interface SimulatedService {
  simulator: JiraSimulator;
  harness: ServiceHarness;
}

/**
 * Registers the `beforeAll` / `afterAll` of a test file that talks to the service with a simulated Jira:
 * a simulator over a realistic scenario, and the service with its site routed there. The fields are set
 * once `beforeAll` has run.
 */
export function useSimulatedService(
  scenario: RealisticScenarioOptions = {},
  options: Omit<HarnessOptions, 'siteBaseUrls'> = {},
): SimulatedService {
  const service = {} as SimulatedService;

  beforeAll(async () => {
    service.simulator = await startJiraSimulator({ scenario: createRealisticScenario(scenario) });
    service.harness = await startServiceHarness({
      siteBaseUrls: { [SITE]: service.simulator.baseUrl },
      ...options,
    });
  });
  afterAll(async () => {
    await service.harness?.close();
    await service.simulator?.close();
  });

  return service;
}
