import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/db/workspaces.js';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './api-harness.js';

describe('admin API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates a workspace whose key works at once and is stored only as a hash', async () => {
    const response = await api.call('POST', '/v1/admin/workspaces', {
      apiKey: TEST_ADMIN_KEY,
      body: { name: ' Acme ' },
    });

    expect(response.status).toBe(201);
    const { workspace, apiKey } = response.body as {
      workspace: { id: string; name: string };
      apiKey: string;
    };
    expect(workspace.name).toBe('Acme');
    expect(apiKey).toMatch(/^jcw_[A-Za-z0-9_-]{43}$/);

    const keys = await api.db
      .selectFrom('api_keys')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]?.key_hash).toBe(hashApiKey(apiKey));
    expect(keys[0]?.key_prefix).toBe(apiKey.slice(0, 8));
    expect(JSON.stringify(keys)).not.toContain(apiKey);

    const list = await api.call('GET', '/v1/connections', { apiKey });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ connections: [] });
  });

  it.each([
    ['no key', null],
    ['a wrong key', 'admin-key-for-tests-wrong'],
    ['a workspace key', 'WORKSPACE'],
  ])('answers %s with 401', async (_label, key) => {
    const apiKey = key === 'WORKSPACE' ? api.apiKey : key;

    const response = await api.call('POST', '/v1/admin/workspaces', { apiKey, body: { name: 'Nope' } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a blank name and unknown fields', async () => {
    const response = await api.call('POST', '/v1/admin/workspaces', {
      apiKey: TEST_ADMIN_KEY,
      body: { name: '   ', plan: 'pro' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([
      ['name', 'TOO_SMALL'],
      ['plan', 'UNKNOWN_FIELD'],
    ]);
  });

  it('answers an unknown admin route with 404, not a request for a workspace key', async () => {
    const response = await api.call('GET', '/v1/admin/other', { apiKey: TEST_ADMIN_KEY });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  describe('without ADMIN_API_KEY', () => {
    let disabled: ApiHarness;

    beforeAll(async () => {
      disabled = await startApi({ ADMIN_API_KEY: undefined });
    });
    afterAll(async () => {
      await disabled.close();
    });

    it('does not exist (404), whatever key is sent', async () => {
      const response = await disabled.call('POST', '/v1/admin/workspaces', {
        apiKey: TEST_ADMIN_KEY,
        body: { name: 'Acme' },
      });

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ADMIN_API_DISABLED');
    });
  });
});
