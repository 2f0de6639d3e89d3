import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCredentials } from '../../src/db/credentials.js';
import { apiTokenConnectionBody, startApi, type ApiHarness } from './api-harness.js';

describe('connections API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  async function createConnection(overrides: Record<string, unknown> = {}) {
    const body = apiTokenConnectionBody(overrides);
    const response = await api.call('POST', '/v1/connections', { body });
    expect(response.status).toBe(201);
    return { body, connection: response.body, response };
  }

  describe('POST /v1/connections', () => {
    it('stores the connection and its encrypted credentials, starts the workflow and never echoes the token', async () => {
      const body = apiTokenConnectionBody({
        site: ' https://ACME.atlassian.net/jira/software/projects/OPS ',
      });
      const response = await api.call('POST', '/v1/connections', { body });

      expect(response.status).toBe(201);
      const id = response.body.id as string;
      expect(response.headers.get('location')).toBe(`/v1/connections/${id}`);
      expect(response.body).toMatchObject({
        type: 'api_token',
        site: 'acme.atlassian.net',
        status: 'validating',
        syncing: false,
        statusReason: null,
        purposes: ['change_management', 'incident_management'],
        syncIntervalSeconds: 600,
        lastSyncRun: null,
        scopes: [],
        disconnectedAt: null,
      });
      expect(response.text).not.toContain(body.apiToken as string);

      const row = await api.db
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        workspace_id: api.workspaceId,
        site: 'acme.atlassian.net',
        status: 'validating',
      });
      const credentials = await api.db
        .selectFrom('credentials')
        .selectAll()
        .where('connection_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(credentials.ciphertext.includes(Buffer.from(body.apiToken as string))).toBe(false);
      expect(await loadCredentials(api.db, api.cipher, id)).toEqual({
        type: 'api_token',
        email: body.email,
        apiToken: body.apiToken,
      });
      expect(api.orchestrator.started).toContainEqual({
        connectionId: id,
        workspaceId: api.workspaceId,
        site: 'acme.atlassian.net',
        syncIntervalMs: 600_000,
      });
    });

    it('drops repeated purposes', async () => {
      const { connection } = await createConnection({ purposes: ['access_review', 'access_review'] });

      expect(connection.purposes).toEqual(['access_review']);
    });

    it.each([
      ['http://acme.atlassian.net', 'https is required, http:// is not accepted'],
      ['localhost', 'localhost and internal or reserved names are not accepted'],
      ['10.0.0.1', 'IP addresses are not accepted'],
      ['acme.atlassian.net.evil.example', 'localhost and internal or reserved names are not accepted'],
      ['acme-atlassian.net', '"acme-atlassian.net" is not a Jira Cloud host (*.atlassian.net or *.jira.com)'],
    ])('refuses the site %j with SITE_INVALID naming the field', async (site, reason) => {
      const before = api.orchestrator.started.length;
      const response = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody({ site }) });

      const message = `site must be a Jira Cloud site such as yourcompany.atlassian.net: ${reason}`;
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'SITE_INVALID', message, details: [{ path: 'site', code: 'SITE_INVALID', message }] },
      });
      expect(api.orchestrator.started).toHaveLength(before);
    });

    it('lists every problem by field, without echoing the token', async () => {
      const body = {
        type: 'api_token',
        site: 'http://x',
        email: 'not-an-email',
        apiToken: 42,
        purposes: ['audit'],
      };
      const response = await api.call('POST', '/v1/connections', { body });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(
        response.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code]),
      ).toEqual([
        ['site', 'SITE_INVALID'],
        ['email', 'INVALID_FORMAT'],
        ['apiToken', 'INVALID_TYPE'],
        ['purposes.0', 'INVALID_VALUE'],
      ]);
      expect(response.body.error.message).toMatch(
        /^The request is invalid: site must be a Jira Cloud site such as yourcompany.atlassian.net: https is required, http:\/\/ is not accepted; email: Invalid email address; apiToken: /,
      );
    });

    it('names missing fields as required', async () => {
      const response = await api.call('POST', '/v1/connections', { body: { type: 'api_token' } });

      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { path: 'site', code: 'REQUIRED', message: 'is required' },
        { path: 'email', code: 'REQUIRED', message: 'is required' },
        { path: 'apiToken', code: 'REQUIRED', message: 'is required' },
        { path: 'purposes', code: 'REQUIRED', message: 'is required' },
      ]);
    });

    it('refuses unknown fields', async () => {
      const response = await api.call('POST', '/v1/connections', {
        body: apiTokenConnectionBody({ password: 'x', isAdmin: true }),
      });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          { path: 'password', code: 'UNKNOWN_FIELD', message: 'is not a known field' },
          { path: 'isAdmin', code: 'UNKNOWN_FIELD', message: 'is not a known field' },
        ],
      });
    });

    it('refuses an unknown connection type', async () => {
      const response = await api.call('POST', '/v1/connections', {
        body: apiTokenConnectionBody({ type: 'basic' }),
      });

      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        expect.objectContaining({ path: 'type', code: 'INVALID_VALUE' }),
      ]);
    });

    it.each(['oauth', 'service_account'])('answers %s with CONNECTION_TYPE_UNSUPPORTED', async (type) => {
      const response = await api.call('POST', '/v1/connections', {
        body: { type, site: 'acme.atlassian.net', purposes: ['change_management'] },
      });

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('CONNECTION_TYPE_UNSUPPORTED');
      expect(response.body.error.message).toContain(`"${type}" are not available yet`);
    });

    it('answers malformed JSON with MALFORMED_JSON and does not echo the body', async () => {
      const response = await api.call('POST', '/v1/connections', { rawBody: '{"apiToken": "tok-secret", ' });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MALFORMED_JSON');
      expect(response.text).not.toContain('tok-secret');
    });

    it('refuses a NUL character in any field, naming the field, and stores nothing', async () => {
      const before = await api.db
        .selectFrom('connections')
        .select('id')
        .where('workspace_id', '=', api.workspaceId)
        .execute();
      const response = await api.call('POST', '/v1/connections', {
        rawBody: JSON.stringify({ ...apiTokenConnectionBody(), email: 'bot\u0000@acme.example' }),
      });

      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'email contains a NUL character (\\u0000), which is not allowed.',
        details: [
          {
            path: 'email',
            code: 'INVALID_CHARACTER',
            message: 'must not contain the NUL character (\\u0000)',
          },
        ],
      });
      const after = await api.db
        .selectFrom('connections')
        .select('id')
        .where('workspace_id', '=', api.workspaceId)
        .execute();
      expect(after).toHaveLength(before.length);
    });

    it('refuses a compressed body with 415 rather than failing to read it', async () => {
      const response = await api.call('POST', '/v1/connections', {
        rawBody: 'not really gzip',
        headers: { 'content-encoding': 'gzip' },
      });

      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it.each(['utf-16', 'UTF-16LE', 'utf8', 'iso-8859-1', '"utf-32"'])(
      'refuses a body declared in charset %s with 415, asking for UTF-8, and stores nothing',
      async (charset) => {
        const site = `charset-${randomUUID().slice(0, 8)}.atlassian.net`;
        const response = await api.call('POST', '/v1/connections', {
          body: apiTokenConnectionBody({ site }),
          headers: { 'content-type': `application/json; charset=${charset}` },
        });

        expect(response.status).toBe(415);
        expect(response.body.error).toEqual({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message:
            'Send the request body as UTF-8 JSON (Content-Type: application/json; charset=utf-8); other ' +
            'charsets are not accepted.',
        });
        const rows = await api.db.selectFrom('connections').select('id').where('site', '=', site).execute();
        expect(rows).toEqual([]);
      },
    );

    it.each(['utf-8', 'UTF-8', '"utf-8"'])('accepts a body declared in charset %s', async (charset) => {
      const response = await api.call('POST', '/v1/connections', {
        body: apiTokenConnectionBody(),
        headers: { 'content-type': `application/json; charset=${charset}` },
      });

      expect(response.status).toBe(201);
    });

    it('answers a JSON value that is not an object as invalid', async () => {
      const response = await api.call('POST', '/v1/connections', { rawBody: '[]' });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: '', code: 'INVALID_TYPE' }],
      });
    });

    it('answers a body over 64 kB with PAYLOAD_TOO_LARGE', async () => {
      const body = apiTokenConnectionBody({ apiToken: 'x'.repeat(70 * 1024) });
      const response = await api.call('POST', '/v1/connections', { body });

      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await api.call('POST', '/v1/connections', {
        rawBody: 'site=acme.atlassian.net',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });

      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers a missing body as invalid', async () => {
      const response = await api.call('POST', '/v1/connections');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('answers 503 and leaves no connection behind when the workflow cannot be started', async () => {
      const site = `rollback-${randomUUID().slice(0, 8)}.atlassian.net`;
      api.orchestrator.unavailable = true;
      try {
        const response = await api.call('POST', '/v1/connections', {
          body: apiTokenConnectionBody({ site }),
        });

        expect(response.status).toBe(503);
        expect(response.body.error.code).toBe('TEMPORAL_UNAVAILABLE');
      } finally {
        api.orchestrator.unavailable = false;
      }
      const rows = await api.db.selectFrom('connections').select('id').where('site', '=', site).execute();
      expect(rows).toEqual([]);
      const orphanCredentials = await api.db
        .selectFrom('credentials')
        .leftJoin('connections', 'connections.id', 'credentials.connection_id')
        .select('credentials.connection_id')
        .where('connections.id', 'is', null)
        .execute();
      expect(orphanCredentials).toEqual([]);
    });
  });

  describe('authentication', () => {
    it('answers a request without a key with 401 and WWW-Authenticate', async () => {
      const response = await api.call('GET', '/v1/connections', { apiKey: null });

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="jira-compliance"');
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('answers an unknown key with 401', async () => {
      const response = await api.call('GET', '/v1/connections', { apiKey: 'jcw_not-a-real-key' });

      expect(response.status).toBe(401);
      expect(response.body.error.message).toBe('The API key is not valid or has been revoked.');
    });

    it('answers a revoked key with 401', async () => {
      const other = await api.createOtherWorkspace();
      await api.db
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('workspace_id', '=', other.workspaceId)
        .execute();

      const response = await api.call('GET', '/v1/connections', { apiKey: other.apiKey });
      expect(response.status).toBe(401);
    });

    it('authenticates before reading the body', async () => {
      const response = await api.call('POST', '/v1/connections', { apiKey: null, rawBody: '{oops' });

      expect(response.status).toBe(401);
    });
  });

  describe('reading connections', () => {
    it('shows a connection with its last sync run, status reason and scopes', async () => {
      const { connection, body } = await createConnection();
      await api.db
        .updateTable('connections')
        .set({
          status: 'needs_attention',
          status_code: 'JIRA_UNAUTHORIZED',
          status_message: 'The API token was revoked.',
        })
        .where('id', '=', connection.id)
        .execute();
      const older = {
        started_at: new Date('2026-01-01T10:00:00Z'),
        finished_at: new Date('2026-01-01T10:05:00Z'),
      };
      const newer = { started_at: new Date('2026-01-02T10:00:00Z'), finished_at: null };
      const runId = randomUUID();
      await api.db
        .insertInto('sync_runs')
        .values([
          { id: randomUUID(), ...syncRun(connection.id, 'succeeded'), ...older },
          { id: runId, ...syncRun(connection.id, 'running'), ...newer },
        ])
        .execute();
      await api.call('PUT', `/v1/connections/${connection.id}/scopes/change_management`, {
        body: { projects: ['CHG'], issueTypes: ['Change'] },
      });

      const response = await api.call('GET', `/v1/connections/${connection.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: connection.id,
        status: 'needs_attention',
        syncing: true,
        statusReason: { code: 'JIRA_UNAUTHORIZED', message: 'The API token was revoked.' },
        lastSyncRun: {
          id: runId,
          kind: 'full',
          status: 'running',
          startedAt: '2026-01-02T10:00:00.000Z',
          finishedAt: null,
          counts: { projects: 1, statuses: 2, issues: 3, pages: 1 },
          problems: [{ resource: 'groups', code: 'JIRA_FORBIDDEN', message: 'No permission.' }],
          error: null,
        },
        scopes: [
          {
            purpose: 'change_management',
            version: 1,
            definition: { projects: ['CHG'], issueTypes: ['Change'] },
          },
        ],
      });
      expect(response.text).not.toContain(body.apiToken as string);
    });

    it('lists the connections of the workspace, newest first', async () => {
      const first = await createConnection();
      const second = await createConnection();

      const response = await api.call('GET', '/v1/connections');

      expect(response.status).toBe(200);
      const ids = response.body.connections.map((c: { id: string }) => c.id);
      expect(ids.indexOf(second.connection.id)).toBeLessThan(ids.indexOf(first.connection.id));
      expect(response.text).not.toContain(first.body.apiToken as string);
      expect(response.text).not.toContain(second.body.apiToken as string);
    });

    it.each(['not-a-uuid', '123', `${randomUUID()}x`, randomUUID()])(
      'answers 404 for the id %j',
      async (id) => {
        const response = await api.call('GET', `/v1/connections/${id}`);

        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('CONNECTION_NOT_FOUND');
      },
    );
  });

  describe('POST /v1/connections/{id}/sync', () => {
    it('asks the workflow for a sync', async () => {
      const { connection } = await createConnection();

      const response = await api.call('POST', `/v1/connections/${connection.id}/sync`);

      expect(response.status).toBe(202);
      expect(response.body).toEqual({ accepted: true });
      expect(api.orchestrator.syncRequests).toContain(connection.id);
    });

    it('starts the workflow again when it is no longer running', async () => {
      const { connection } = await createConnection();
      api.orchestrator.running.delete(connection.id);
      const startsBefore = api.orchestrator.started.filter((s) => s.connectionId === connection.id).length;

      const response = await api.call('POST', `/v1/connections/${connection.id}/sync`);

      expect(response.status).toBe(202);
      expect(api.orchestrator.started.filter((s) => s.connectionId === connection.id)).toHaveLength(
        startsBefore + 1,
      );
    });

    it('answers 503 when Temporal is unreachable', async () => {
      const { connection } = await createConnection();
      api.orchestrator.unavailable = true;
      try {
        const response = await api.call('POST', `/v1/connections/${connection.id}/sync`);
        expect(response.status).toBe(503);
        expect(response.body.error.code).toBe('TEMPORAL_UNAVAILABLE');
      } finally {
        api.orchestrator.unavailable = false;
      }
    });
  });

  describe('DELETE /v1/connections/{id}', () => {
    it('asks the workflow to disconnect, and accepts a second DELETE by cleaning up itself', async () => {
      const { connection } = await createConnection();

      const first = await api.call('DELETE', `/v1/connections/${connection.id}`);
      expect(first.status).toBe(202);
      expect(api.orchestrator.disconnects).toContain(connection.id);

      // The fake workflow has ended without updating the row, as a crashed or finished one would.
      const second = await api.call('DELETE', `/v1/connections/${connection.id}`);
      expect(second.status).toBe(202);
      const row = await api.db
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', connection.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('disconnected');
      expect(row.disconnected_at).toBeInstanceOf(Date);
      expect(await loadCredentials(api.db, api.cipher, connection.id)).toBeNull();

      const third = await api.call('DELETE', `/v1/connections/${connection.id}`);
      expect(third.status).toBe(202);
      expect(api.orchestrator.disconnects.filter((id) => id === connection.id)).toHaveLength(1);
    });

    it('refuses to sync a disconnected connection', async () => {
      const { connection } = await createConnection();
      api.orchestrator.running.delete(connection.id);
      await api.call('DELETE', `/v1/connections/${connection.id}`);

      const response = await api.call('POST', `/v1/connections/${connection.id}/sync`);

      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONNECTION_DISCONNECTED');
    });

    it('answers 503 and changes nothing when Temporal is unreachable', async () => {
      const { connection } = await createConnection();
      api.orchestrator.unavailable = true;
      try {
        const response = await api.call('DELETE', `/v1/connections/${connection.id}`);
        expect(response.status).toBe(503);
      } finally {
        api.orchestrator.unavailable = false;
      }
      expect(await loadCredentials(api.db, api.cipher, connection.id)).not.toBeNull();
    });
  });

  describe('other routes', () => {
    it('answers /healthz without a key', async () => {
      const response = await api.call('GET', '/healthz', { apiKey: null });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('answers an unknown route with NOT_FOUND in the error shape', async () => {
      const response = await api.call('GET', '/v1/nothing-here');

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });
  });
});

function syncRun(connectionId: string, status: 'succeeded' | 'running') {
  return {
    connection_id: connectionId,
    kind: 'full' as const,
    status,
    counts: JSON.stringify({ projects: 1, statuses: 2, issues: 3, pages: 1 }),
    problems: JSON.stringify([{ resource: 'groups', code: 'JIRA_FORBIDDEN', message: 'No permission.' }]),
    error_code: null,
    error_message: null,
  };
}
