import { beforeAll, describe, expect, it } from 'vitest';
import type { JiraSimulator } from '../../src/simulator/index.js';
import { SITE, useSimulatedService, waitFor, type ServiceHarness } from '../support/service-harness.js';

describe('a connection with credentials Jira refuses', () => {
  const service = useSimulatedService();
  let simulator: JiraSimulator;
  let harness: ServiceHarness;

  beforeAll(async () => {
    ({ simulator, harness } = service);
  });

  it('needs attention with the bad-credentials code within seconds, after one request and no retry storm', async () => {
    const startedAt = Date.now();
    const created = await harness.call('POST', '/v1/connections', {
      type: 'api_token',
      site: SITE,
      email: simulator.scenario.credentials.email,
      apiToken: 'not-the-right-token-0123456789',
      purposes: ['change_management'],
    });
    expect(created.status).toBe(201);

    const connection = await waitFor(
      'needs_attention',
      async () => {
        const { body } = await harness.call('GET', `/v1/connections/${created.body.id}`);
        return body.status === 'needs_attention' ? body : undefined;
      },
      10_000,
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(connection.statusReason.code).toBe('JIRA_UNAUTHORIZED');
    expect(connection.statusReason.message).toMatch(/API token/);
    expect(JSON.stringify(connection)).not.toContain('not-the-right-token');

    // Give a retry storm the time to show itself: there must still be exactly one call to Jira.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(simulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /rest/api/3/myself 401',
    ]);
    const state = await harness.env.client.workflow
      .getHandle(`jira-connection/${created.body.id}`)
      .query<{ phase: string; statusCode: string }>('connectionState');
    expect(state).toMatchObject({ phase: 'needs_attention', statusCode: 'JIRA_UNAUTHORIZED' });
  });
});
