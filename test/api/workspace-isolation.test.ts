import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCredentials } from '../../src/db/credentials.js';
import { apiTokenConnectionBody, startApi, type ApiHarness } from './api-harness.js';

describe('workspace isolation', () => {
  let api: ApiHarness;
  let connectionId = '';
  let otherKey = '';

  beforeAll(async () => {
    api = await startApi();
    const created = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody() });
    connectionId = created.body.id as string;
    otherKey = (await api.createOtherWorkspace()).apiKey;
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['GET', ''],
    ['GET', '/scopes'],
    ['PUT', '/scopes/change_management'],
    ['POST', '/sync'],
    ['DELETE', ''],
  ])("answers %s %s of another workspace's connection with 404", async (method, suffix) => {
    const body = method === 'PUT' ? { projects: ['CHG'], issueTypes: ['Change'] } : undefined;

    const response = await api.call(method, `/v1/connections/${connectionId}${suffix}`, {
      apiKey: otherKey,
      body,
    });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CONNECTION_NOT_FOUND');
  });

  it("changes nothing of the other workspace's connection and lists none of it", async () => {
    const list = await api.call('GET', '/v1/connections', { apiKey: otherKey });

    expect(list.body).toEqual({ connections: [] });
    expect(api.orchestrator.syncRequests).not.toContain(connectionId);
    expect(api.orchestrator.disconnects).not.toContain(connectionId);
    const scopes = await api.db
      .selectFrom('scopes')
      .select('id')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(scopes).toEqual([]);
    expect(await loadCredentials(api.db, api.cipher, connectionId)).not.toBeNull();
  });

  it('still serves the owner', async () => {
    const response = await api.call('GET', `/v1/connections/${connectionId}`);

    expect(response.status).toBe(200);
    expect(response.body.id).toBe(connectionId);
  });
});
