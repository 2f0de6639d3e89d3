import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createCredentialCipher } from '../../src/db/credentials.js';
import { createDatabase } from '../../src/db/database.js';
import { apiTokenConnectionBody, FakeOrchestrator, startApi } from './api-harness.js';

/** A pino logger whose lines are kept in memory, so tests can read what would have been logged. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  return { logger: pino({ level: 'trace' }, stream), text: () => lines.join('') };
}

describe('when the database is down', () => {
  const log = memoryLogger();
  const db = createDatabase('postgres://postgres@127.0.0.1:1/unreachable', { maxConnections: 1 });
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const app = createApp({
      db,
      orchestrator: new FakeOrchestrator(),
      cipher: createCredentialCipher({ currentKeyId: 'k1', keys: { k1: randomBytes(32) } }),
      logger: log.logger,
      config: {
        SYNC_INTERVAL_SECONDS: 600,
        JIRA_ALLOWED_CUSTOM_DOMAINS: '',
        ADMIN_API_KEY: undefined,
        JIRA_SITE_BASE_URLS: undefined,
      },
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  });

  it('answers /healthz with 503 DATABASE_UNAVAILABLE', async () => {
    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: 'DATABASE_UNAVAILABLE', message: 'The database does not answer.' },
    });
  });

  it('answers other requests with a 500 that reveals nothing, and logs the cause', async () => {
    const response = await fetch(`${url}/v1/connections`, {
      headers: { authorization: 'Bearer jcw_some-key' },
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. It has been logged; try again later.',
      },
    });
    expect(log.text()).toContain('ECONNREFUSED');
    expect(log.text()).not.toContain('jcw_some-key');
  });
});

describe('logs', () => {
  it('never contain the API token, the API key or a request body', async () => {
    const log = memoryLogger();
    const api = await startApi({}, { logger: log.logger });
    try {
      const body = apiTokenConnectionBody();
      const token = body.apiToken as string;
      await api.call('POST', '/v1/connections', { body });
      await api.call('POST', '/v1/connections', { rawBody: `{"apiToken":"${token}",` });
      await api.call('POST', '/v1/connections', { body: { ...body, site: 'http://acme.atlassian.net' } });
      api.orchestrator.unavailable = true;
      await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody({ apiToken: token }) });
      api.orchestrator.unavailable = false;

      const text = log.text();
      expect(text).toContain('Connection created');
      expect(text).toContain('Connection workflow did not start');
      expect(text).not.toContain(token);
      expect(text).not.toContain(api.apiKey);
      expect(text).not.toContain(body.email as string);
    } finally {
      await api.close();
    }
  });
});
