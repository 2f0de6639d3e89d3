import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JiraSimulator } from '../../src/simulator/index.js';
import { issuesInScopes } from '../support/scenario-expectations.js';
import {
  connectApiToken,
  useSimulatedService,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

describe('syncing from a Jira that fails', () => {
  const service = useSimulatedService();
  let simulator: JiraSimulator;
  let harness: ServiceHarness;

  beforeAll(async () => {
    ({ simulator, harness } = service);
  });

  let connectionId: string | null = null;

  beforeEach(() => simulator.faults.clear());

  // One live connection per site and workspace: each test disconnects its own before the next connects.
  afterEach(async () => {
    if (!connectionId) return;
    simulator.faults.clear();
    await harness.call('DELETE', `/v1/connections/${connectionId}`);
    const id = connectionId;
    connectionId = null;
    await waitFor('the disconnect', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${id}`);
      return body.status === 'disconnected' ? true : undefined;
    });
  });

  /** Connects with both scopes set before the workflow starts syncing, and waits for the first run to end. */
  async function connect(): Promise<{ id: string; run: any }> {
    const id = await connectApiToken(harness, simulator, ['change_management', 'incident_management']);
    connectionId = id;
    await harness.call('PUT', `/v1/connections/${id}/scopes/change_management`, {
      projects: ['CHG'],
      issueTypes: ['Change'],
    });
    await harness.call('PUT', `/v1/connections/${id}/scopes/incident_management`, {
      projects: ['OPS'],
      issueTypes: ['Incident'],
    });
    const run = await waitFor('a finished sync with both scopes', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${id}`);
      const full = await harness.db
        .selectFrom('scope_sync_state')
        .innerJoin('scopes', 'scopes.id', 'scope_sync_state.scope_id')
        .select('scopes.purpose')
        .where('scopes.connection_id', '=', id)
        .execute();
      const last = body.lastSyncRun;
      return last && last.status !== 'running' && (full.length === 2 || last.status === 'failed')
        ? last
        : undefined;
    });
    return { id, run };
  }

  async function storedIssues(connectionId: string): Promise<{ total: number; distinctKeys: number }> {
    const row = await harness.db
      .selectFrom('issues')
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        eb.fn.count<string>('key').distinct().as('keys'),
      ])
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), distinctKeys: Number(row.keys) };
  }

  it('records a 403 on statuses as insufficient permission and still syncs every issue (partial run)', async () => {
    simulator.faults.add({ path: '/rest/api/3/status', status: 403 });

    const { id, run } = await connect();

    expect(run.status).toBe('partial');
    expect(run.problems).toEqual([
      {
        resource: '/rest/api/3/status',
        code: 'INSUFFICIENT_PERMISSION',
        message: expect.stringContaining('403'),
      },
    ]);
    const expected = issuesInScopes(simulator.scenario);
    expect(await storedIssues(id)).toEqual({ total: expected, distinctKeys: expected });
  });

  it('waits out 429s with Retry-After and ends with exactly the issues Jira has', async () => {
    const fault = simulator.faults.add({
      path: '/rest/api/3/search/jql',
      status: 429,
      retryAfterSeconds: 1,
      times: 2,
      skip: 1,
    });

    const { id, run } = await connect();

    expect(fault.hits).toBe(2);
    expect(run.status).toBe('succeeded');
    const expected = issuesInScopes(simulator.scenario);
    expect(await storedIssues(id)).toEqual({ total: expected, distinctKeys: expected });
    // Each refused search was sent again, with the same JQL, no sooner than Retry-After said.
    const refused = simulator.requests.filter((r) => r.path === '/rest/api/3/search/jql' && r.status === 429);
    expect(refused).toHaveLength(2);
    for (const request of refused) {
      const retry = simulator.requests.find(
        (r) => r.receivedAt > request.receivedAt && r.jql === request.jql,
      );
      expect(retry!.receivedAt - request.receivedAt).toBeGreaterThanOrEqual(1000);
    }
  });

  it('marks the run failed and the connection as needing attention when Jira stops accepting the JQL', async () => {
    const { id, run: first } = await connect();
    simulator.faults.add({
      path: '/rest/api/3/search/jql',
      status: 400,
      body: {
        errorMessages: ["Error in the JQL Query: The value 'CHG' does not exist for the field 'project'."],
        errors: {},
      },
    });

    await harness.call('POST', `/v1/connections/${id}/sync`);
    const run = await waitFor('the sync after the change in Jira', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${id}`);
      return body.lastSyncRun.id !== first.id && body.lastSyncRun.status !== 'running'
        ? body.lastSyncRun
        : undefined;
    });

    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('JIRA_INVALID_JQL');
    const { body } = await harness.call('GET', `/v1/connections/${id}`);
    expect(body.status).toBe('needs_attention');
    expect(body.statusReason.code).toBe('JIRA_INVALID_JQL');
  });

  it('stores an issue whose summary holds a NUL character, without the character', async () => {
    const issue = simulator.scenario.issues.find((i) => i.fields.project.key === 'CHG')!;
    simulator.updateIssue(issue.key, { summary: 'Rotate keys\u0000 on the gateway' });

    const { id, run } = await connect();

    expect(run.status).toBe('succeeded');
    const stored = await harness.db
      .selectFrom('issues')
      .select('summary')
      .where('connection_id', '=', id)
      .where('jira_id', '=', issue.id)
      .executeTakeFirstOrThrow();
    expect(stored.summary).toBe('Rotate keys on the gateway');
  });

  it('stops calling Jira when disconnected in the middle of a sync, and the run stays cancelled', async () => {
    const id = await connectApiToken(harness, simulator, ['change_management']);
    connectionId = id;
    await harness.call('PUT', `/v1/connections/${id}/scopes/change_management`, {
      projects: ['CHG', 'OPS', 'ENG'],
      issueTypes: ['Change', 'Incident', 'Task', 'Bug', 'Story'],
    });
    simulator.faults.add({ path: '/rest/api/3/search/jql', delayMs: 300 });
    const running = await waitFor('a sync some pages in', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${id}`);
      const run = body.lastSyncRun;
      return run?.status === 'running' && run.counts.pages >= 1 ? run : undefined;
    });

    expect((await harness.call('DELETE', `/v1/connections/${id}`)).status).toBe(202);
    await waitFor('the disconnect', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${id}`);
      return body.status === 'disconnected' ? true : undefined;
    });
    const searchesAtDisconnect = simulator.requests.filter((r) => r.path === '/rest/api/3/search/jql').length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // At most the page already in flight is fetched after the disconnect.
    const searchesAfter = simulator.requests.filter((r) => r.path === '/rest/api/3/search/jql').length;
    expect(searchesAfter - searchesAtDisconnect).toBeLessThanOrEqual(1);
    const run = await harness.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('id', '=', running.id)
      .executeTakeFirstOrThrow();
    expect({ status: run.status, code: run.error_code }).toEqual({ status: 'failed', code: 'CANCELLED' });
  });
});
