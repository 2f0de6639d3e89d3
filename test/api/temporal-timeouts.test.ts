import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCredentials } from '../../src/db/credentials.js';
import { apiTokenConnectionBody, startApi, type ApiHarness } from './api-harness.js';

const TIMEOUT_MESSAGE =
  'The workflow service (Temporal) did not answer within 10 seconds. Repeating the request is safe: try ' +
  'again shortly.';

describe('when Temporal does not answer before the deadline', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterEach(() => {
    api.orchestrator.unavailable = false;
    api.orchestrator.failure = 'unreachable';
  });
  afterAll(async () => {
    await api.close();
  });

  async function newConnectionId(): Promise<string> {
    const response = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody() });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  function temporalTimesOut(): void {
    api.orchestrator.unavailable = true;
    api.orchestrator.failure = 'timeout';
  }

  it('POST /v1/connections answers 503 TEMPORAL_UNAVAILABLE and keeps no connection', async () => {
    const site = `timeout-${randomUUID().slice(0, 8)}.atlassian.net`;
    temporalTimesOut();

    const response = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody({ site }) });

    expect(response.status).toBe(503);
    expect(response.body.error).toEqual({ code: 'TEMPORAL_UNAVAILABLE', message: TIMEOUT_MESSAGE });
    const rows = await api.db.selectFrom('connections').select('id').where('site', '=', site).execute();
    expect(rows).toEqual([]);
  });

  it('POST /v1/connections/{id}/sync answers 503 TEMPORAL_UNAVAILABLE', async () => {
    const id = await newConnectionId();
    temporalTimesOut();

    const response = await api.call('POST', `/v1/connections/${id}/sync`);

    expect(response.status).toBe(503);
    expect(response.body.error).toEqual({ code: 'TEMPORAL_UNAVAILABLE', message: TIMEOUT_MESSAGE });
  });

  it('POST /v1/connections/{id}/sync answers 503 when restarting an ended workflow times out', async () => {
    const id = await newConnectionId();
    api.orchestrator.running.delete(id);
    api.orchestrator.syncUnavailable = true;
    api.orchestrator.failure = 'timeout';
    try {
      const response = await api.call('POST', `/v1/connections/${id}/sync`);

      expect(response.status).toBe(503);
      expect(response.body.error).toEqual({ code: 'TEMPORAL_UNAVAILABLE', message: TIMEOUT_MESSAGE });
    } finally {
      api.orchestrator.syncUnavailable = false;
    }
  });

  it('DELETE /v1/connections/{id} answers 503 TEMPORAL_UNAVAILABLE and keeps the credentials', async () => {
    const id = await newConnectionId();
    temporalTimesOut();

    const response = await api.call('DELETE', `/v1/connections/${id}`);

    expect(response.status).toBe(503);
    expect(response.body.error).toEqual({ code: 'TEMPORAL_UNAVAILABLE', message: TIMEOUT_MESSAGE });
    const row = await api.db
      .selectFrom('connections')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('validating');
    expect(await loadCredentials(api.db, api.cipher, id)).not.toBeNull();
  });

  it('PUT /v1/connections/{id}/scopes/{purpose} answers 503 SCOPE_JQL_UNVERIFIED and saves nothing', async () => {
    const id = await newConnectionId();
    temporalTimesOut();

    const response = await api.call('PUT', `/v1/connections/${id}/scopes/change_management`, {
      body: { projects: ['CHG'], issueTypes: ['Change'] },
    });

    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('SCOPE_JQL_UNVERIFIED');
    const scopes = await api.db.selectFrom('scopes').select('id').where('connection_id', '=', id).execute();
    expect(scopes).toEqual([]);
  });
});
