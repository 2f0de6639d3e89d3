import type { JqlCheckOutcome } from '../../src/activities/contracts.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import { createApp, type ApiConfig } from '../../src/api/app.js';
import {
  ConnectionWorkflowNotFoundError,
  TemporalTimeoutError,
  type ConnectionOrchestrator,
  type StartConnectionInput,
} from '../../src/api/orchestrator.js';
import { createCredentialCipher, type CredentialCipher } from '../../src/db/credentials.js';
import { createDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import type { ConnectionWorkflowState } from '../../src/workflows/messages.js';
import { createLogger } from '../../src/logger.js';

/**
 * Stands in for Temporal: records what the API asked for and keeps a set of "running" workflows, so a
 * test can make a workflow disappear, the whole service unreachable, or its calls time out.
 */
export class FakeOrchestrator implements ConnectionOrchestrator {
  readonly started: StartConnectionInput[] = [];
  readonly syncRequests: string[] = [];
  readonly disconnects: string[] = [];
  readonly running = new Set<string>();
  /** When set, every call fails as if Temporal could not be reached. */
  unavailable = false;
  /** When set, only starting a workflow and requesting a sync fail; the JQL check still answers. */
  syncUnavailable = false;
  /** How failing calls fail: refused at once, or no answer before the deadline (as the real one reports). */
  failure: 'unreachable' | 'timeout' = 'unreachable';

  async startConnection(input: StartConnectionInput): Promise<void> {
    this.failIfUnavailable('the workflow start', this.syncUnavailable);
    this.started.push(input);
    this.running.add(input.connectionId);
  }

  async requestSync(connectionId: string): Promise<void> {
    this.failIfUnavailable('the sync signal', this.syncUnavailable);
    if (!this.running.has(connectionId)) throw new ConnectionWorkflowNotFoundError(connectionId);
    this.syncRequests.push(connectionId);
  }

  /** Like the real workflow, a disconnected workflow ends: a second signal finds nothing. */
  async disconnect(connectionId: string): Promise<void> {
    this.failIfUnavailable('the disconnect signal');
    if (!this.running.has(connectionId)) throw new ConnectionWorkflowNotFoundError(connectionId);
    this.disconnects.push(connectionId);
    this.running.delete(connectionId);
  }

  /** JQL containing the word `invalid` is refused, as Jira would refuse a bad query. */
  readonly jqlChecks: Array<{ connectionId: string; jql: string }> = [];
  async checkScopeJql(connectionId: string, jql: string): Promise<JqlCheckOutcome> {
    this.failIfUnavailable('the JQL check');
    this.jqlChecks.push({ connectionId, jql });
    return /invalid/i.test(jql)
      ? {
          ok: false,
          code: 'SCOPE_JQL_INVALID',
          messages: ["Error in the JQL Query: the word 'invalid' is not valid here."],
        }
      : { ok: true };
  }

  async getState(connectionId: string): Promise<ConnectionWorkflowState | null> {
    this.failIfUnavailable('the state query');
    return this.running.has(connectionId)
      ? {
          phase: 'validating',
          syncing: false,
          statusCode: null,
          lastSyncRunId: null,
          lastSyncFinishedAt: null,
          lastSyncStatus: null,
          syncsCompleted: 0,
          resyncRequested: false,
          disconnectRequested: false,
        }
      : null;
  }

  private failIfUnavailable(operation: string, alsoWhen = false): void {
    if (!this.unavailable && !alsoWhen) return;
    if (this.failure === 'timeout') throw new TemporalTimeoutError(operation, 10_000);
    throw new Error('14 UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:7233');
  }
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, instead of `JSON.stringify(body)`. */
  rawBody?: string;
  /** Defaults to the harness workspace's key; `null` sends no Authorization header. */
  apiKey?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // Response bodies are checked field by field in the tests.

  body: any;
}

export interface ApiHarness {
  url: string;
  db: Kysely<Database>;
  cipher: CredentialCipher;
  orchestrator: FakeOrchestrator;
  workspaceId: string;
  apiKey: string;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  /** A second workspace with its own key, to prove isolation. */
  createOtherWorkspace(): Promise<{ workspaceId: string; apiKey: string }>;
  close(): Promise<void>;
}

export const TEST_ADMIN_KEY = 'admin-key-for-tests-0123456789';

/** The real app on a random port, over the run's PostgreSQL database and a fake orchestrator. */
export async function startApi(
  config: Partial<ApiConfig> = {},
  options: { logger?: Logger } = {},
): Promise<ApiHarness> {
  const db = createDatabase(inject('databaseUrl'), { maxConnections: 4 });
  const cipher = createCredentialCipher({ currentKeyId: 'k1', keys: { k1: randomBytes(32) } });
  const orchestrator = new FakeOrchestrator();
  const created = await createWorkspace(db, `API test ${randomUUID()}`);

  const app = createApp({
    db,
    orchestrator,
    cipher,
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    config: {
      SYNC_INTERVAL_SECONDS: 600,
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      JIRA_ALLOWED_CUSTOM_DOMAINS: '',
      JIRA_SITE_BASE_URLS: undefined,
      ...config,
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const harness: ApiHarness = {
    url,
    db,
    cipher,
    orchestrator,
    workspaceId: created.workspace.id,
    apiKey: created.apiKey,

    async call(method, path, options = {}) {
      const apiKey = options.apiKey === undefined ? created.apiKey : options.apiKey;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body,
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;

      return {
        status: response.status,
        headers: response.headers,
        text,
        body: isJson ? JSON.parse(text) : null,
      };
    },

    async createOtherWorkspace() {
      const other = await createWorkspace(db, `Other ${randomUUID()}`);
      return { workspaceId: other.workspace.id, apiKey: other.apiKey };
    },

    async close() {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await db.destroy();
    },
  };

  return harness;
}

/**
 * A valid request body for `POST /v1/connections`, with a token that is easy to search for. Each body
 * names a site of its own, since a workspace connects each site only once at a time.
 */
export function apiTokenConnectionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'api_token',
    site: `acme-${randomUUID().slice(0, 8)}.atlassian.net`,
    email: 'jira-admin@acme.example',
    apiToken: `ATATT3xFfGF0-${randomUUID()}`,
    purposes: ['change_management', 'incident_management'],
    ...overrides,
  };
}
