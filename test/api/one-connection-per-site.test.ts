import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenConnectionBody, startApi, type ApiHarness } from './api-harness.js';

describe('one live connection per site and workspace', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const newSite = () => `once-${randomUUID().slice(0, 8)}.atlassian.net`;

  const connect = (site: string, apiKey?: string) =>
    api.call('POST', '/v1/connections', { body: apiTokenConnectionBody({ site }), apiKey });

  function existsError(site: string, existingId: string) {
    const message =
      `This workspace already has a connection to ${site}: ${existingId}. Use it (change what it syncs with ` +
      'PUT /v1/connections/{id}/scopes/{purpose}), or disconnect it first (DELETE /v1/connections/{id}) to ' +
      'connect the site with other credentials or purposes.';

    return {
      code: 'CONNECTION_EXISTS',
      message,
      details: [{ path: 'site', code: 'CONNECTION_EXISTS', message: `is connected by ${existingId}` }],
    };
  }

  const liveConnections = (site: string) =>
    api.db
      .selectFrom('connections')
      .select('id')
      .where('workspace_id', '=', api.workspaceId)
      .where('site', '=', site)
      .where('status', '<>', 'disconnected')
      .execute();

  it('refuses a second connection to the same site with 409 naming the first, and stores nothing', async () => {
    const site = newSite();
    const first = await connect(site);
    expect(first.status).toBe(201);
    const startsBefore = api.orchestrator.started.length;

    // The same site written another way normalises to the same connection.
    const second = await connect(`https://${site.toUpperCase()}/jira/software/projects/OPS`);

    expect(second.status).toBe(409);
    expect(second.body.error).toEqual(existsError(site, first.body.id as string));
    expect(await liveConnections(site)).toEqual([{ id: first.body.id }]);
    expect(api.orchestrator.started).toHaveLength(startsBefore);
  });

  it('refuses it whatever the state of the first connection, until it is disconnected', async () => {
    const site = newSite();
    const first = await connect(site);
    await api.db
      .updateTable('connections')
      .set({ status: 'needs_attention' })
      .where('id', '=', first.body.id as string)
      .execute();

    const refused = await connect(site);
    expect(refused.status).toBe(409);

    api.orchestrator.running.delete(first.body.id as string);
    expect((await api.call('DELETE', `/v1/connections/${first.body.id}`)).status).toBe(202);
    const accepted = await connect(site);

    expect(accepted.status).toBe(201);
    expect(await liveConnections(site)).toEqual([{ id: accepted.body.id }]);
  });

  it("does not count another workspace's connection to the same site", async () => {
    const site = newSite();
    const other = await api.createOtherWorkspace();
    expect((await connect(site, other.apiKey)).status).toBe(201);

    const response = await connect(site);

    expect(response.status).toBe(201);
  });

  it('lets exactly one of several concurrent requests for the same site through', async () => {
    const site = newSite();

    const responses = await Promise.all(Array.from({ length: 5 }, () => connect(site)));

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(4);
    const winnerId = created[0]?.body.id as string;
    for (const response of refused) expect(response.body.error).toEqual(existsError(site, winnerId));
    expect(await liveConnections(site)).toEqual([{ id: winnerId }]);
    const orphanCredentials = await api.db
      .selectFrom('credentials')
      .leftJoin('connections', 'connections.id', 'credentials.connection_id')
      .select('credentials.connection_id')
      .where('connections.id', 'is', null)
      .execute();
    expect(orphanCredentials).toEqual([]);
  });
});
