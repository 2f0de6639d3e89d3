import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connectionWorkflowId } from '../../src/workflows/messages.js';
import type { JiraSimulator } from '../../src/simulator/index.js';
import {
  issuesInScopes,
  newestChangeAgeDays,
  overdueOpenIncidents,
  unassignedRecentChanges,
} from '../support/scenario-expectations.js';
import { SITE, useSimulatedService, waitFor, type ServiceHarness } from '../support/service-harness.js';

const CHECK_IDS = [
  'change_management.ticketing_system_configured',
  'change_management.system_connected',
  'change_management.ticket_has_assignee',
  'change_management.recent_ticket_activity',
  'incident_management.incident_closed',
];

describe('connecting a Jira site with an API token', () => {
  const service = useSimulatedService();
  let simulator: JiraSimulator;
  let harness: ServiceHarness;
  let connectionId: string;

  beforeAll(async () => {
    ({ simulator, harness } = service);
  });

  /**
   * Waits for a sync that started after `scopesSavedAt` to finish, then for the results evaluated after it
   * (a sync that started between two scope changes sees only the first).
   */
  async function resultsAfterSyncFrom(scopesSavedAt: Date): Promise<Record<string, any>> {
    const run = await waitFor('a sync started after the scopes were saved', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${connectionId}`);
      const last = body.lastSyncRun;
      return last && Date.parse(last.startedAt) >= scopesSavedAt.getTime() && last.finishedAt
        ? last
        : undefined;
    });
    return waitFor('check results after that sync', async () => {
      const results: Record<string, any> = {};
      for (const checkId of CHECK_IDS) {
        const { body } = await harness.call('GET', `/v1/checks/${checkId}`);
        if (!body.result || Date.parse(body.result.evaluatedAt) < Date.parse(run.finishedAt))
          return undefined;
        results[checkId] = body.result;
      }
      return results;
    });
  }

  it('normalises the site, syncs the scoped issues and evaluates the five checks as the scenario implies', async () => {
    const { credentials } = simulator.scenario;
    const created = await harness.call('POST', '/v1/connections', {
      type: 'api_token',
      site: 'https://ACME.atlassian.net/jira/software/projects/X',
      email: credentials.email,
      apiToken: credentials.apiToken,
      purposes: ['change_management', 'incident_management'],
    });
    expect(created.status).toBe(201);
    expect(created.body.site).toBe('acme.atlassian.net');
    expect(JSON.stringify(created.body)).not.toContain(credentials.apiToken);
    connectionId = created.body.id;

    const change = await harness.call('PUT', `/v1/connections/${connectionId}/scopes/change_management`, {
      projects: ['CHG'],
      issueTypes: ['Change'],
    });
    const incident = await harness.call('PUT', `/v1/connections/${connectionId}/scopes/incident_management`, {
      projects: ['OPS'],
      issueTypes: ['Incident'],
    });
    expect([change.status, incident.status]).toEqual([201, 201]);
    expect([change.body.version, incident.body.version]).toEqual([1, 1]);

    const results = await resultsAfterSyncFrom(new Date());
    expect(results['change_management.ticket_has_assignee'].scopeVersions).toEqual({ [connectionId]: 1 });
    const now = Date.parse(results['change_management.ticket_has_assignee'].evaluatedAt);

    expect(results['change_management.ticketing_system_configured'].status).toBe('passing');
    expect(results['change_management.system_connected'].status).toBe('passing');

    const unassigned = unassignedRecentChanges(simulator.scenario, now);
    expect(unassigned.length).toBeGreaterThan(0);
    const assignee = results['change_management.ticket_has_assignee'];
    expect(assignee.status).toBe('failing');
    expect(assignee.failingEntities.map((e: { key: string }) => e.key).sort()).toEqual(unassigned);
    expect(assignee.failingEntities[0].url).toBe(`https://${SITE}/browse/${assignee.failingEntities[0].key}`);
    expect(assignee.auditorJql).toMatch(
      /^project in \("CHG"\) AND issuetype in \("Change"\) AND assignee is EMPTY AND created >= \d{13}$/,
    );

    const newestAge = newestChangeAgeDays(simulator.scenario, now);
    expect(results['change_management.recent_ticket_activity'].status).toBe(
      newestAge !== null && newestAge <= 30 ? 'passing' : 'failing',
    );

    const overdue = overdueOpenIncidents(simulator.scenario, now);
    expect(overdue.length).toBeGreaterThan(0);
    const incidents = results['incident_management.incident_closed'];
    expect(incidents.status).toBe('failing');
    expect(incidents.failingEntities.map((e: { key: string }) => e.key).sort()).toEqual(overdue);

    const { body: connection } = await harness.call('GET', `/v1/connections/${connectionId}`);
    expect(connection.status).toBe('active');
    expect(connection.lastSyncRun.status).toBe('succeeded');
    const stored = await harness.db
      .selectFrom('issues')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(issuesInScopes(simulator.scenario));
  });

  it('sends only incremental searches on a second sync when nothing changed in Jira', async () => {
    const before = (await harness.call('GET', `/v1/connections/${connectionId}`)).body.lastSyncRun.id;
    simulator.resetRequests();

    expect((await harness.call('POST', `/v1/connections/${connectionId}/sync`)).status).toBe(202);
    const run = await waitFor('the second sync', async () => {
      const { body } = await harness.call('GET', `/v1/connections/${connectionId}`);
      return body.lastSyncRun.id !== before && body.lastSyncRun.status !== 'running'
        ? body.lastSyncRun
        : undefined;
    });

    expect(run.kind).toBe('incremental');
    expect(run.status).toBe('succeeded');
    const searches = simulator.requests.filter((r) => r.path.startsWith('/rest/api/3/search'));
    expect(searches.map((r) => r.path)).toEqual(['/rest/api/3/search/jql', '/rest/api/3/search/jql']);
    for (const search of searches) expect(search.jql).toMatch(/ AND updated >= \d{13} ORDER BY created ASC$/);
    expect(run.counts.issues).toBe(0);
  });

  it('picks up an issue assigned in Jira on the next incremental sync', async () => {
    const now = Date.now();
    const [first] = unassignedRecentChanges(simulator.scenario, now);
    const assignee = simulator.scenario.users.find((u) => u.accountType === 'atlassian' && u.active)!;
    simulator.updateIssue(first!, { assigneeAccountId: assignee.accountId });

    const requestedAt = new Date();
    await harness.call('POST', `/v1/connections/${connectionId}/sync`);
    const results = await resultsAfterSyncFrom(requestedAt);

    const keys = results['change_management.ticket_has_assignee'].failingEntities.map(
      (e: { key: string }) => e.key,
    );
    expect(keys).not.toContain(first);
    expect(keys.sort()).toEqual(unassignedRecentChanges(simulator.scenario, now));
  });

  it("keeps the API token and every issue summary out of the connection workflow's history", async () => {
    const { stdout } = await promisify(execFile)(
      inject('temporalCliPath'),
      [
        'workflow',
        'show',
        '--workflow-id',
        connectionWorkflowId(connectionId),
        '--address',
        inject('temporalAddress'),
        '--output',
        'json',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );

    expect(stdout).toContain('syncConnection');
    expect(stdout).not.toContain(simulator.scenario.credentials.apiToken);
    expect(stdout).not.toContain(Buffer.from(simulator.scenario.credentials.apiToken).toString('base64'));
    const summaries = simulator.scenario.issues.map((i) => i.fields.summary);
    expect(summaries.filter((summary) => stdout.includes(summary))).toEqual([]);
  });

  it('disconnects: the workflow ends, the credentials are deleted and the evidence is kept', async () => {
    expect((await harness.call('DELETE', `/v1/connections/${connectionId}`)).status).toBe(202);

    const handle = harness.env.client.workflow.getHandle(connectionWorkflowId(connectionId));
    const final = await handle.result();
    expect(final.phase).toBe('disconnected');

    const { body } = await harness.call('GET', `/v1/connections/${connectionId}`);
    expect(body.status).toBe('disconnected');
    const credentials = await harness.db
      .selectFrom('credentials')
      .select('connection_id')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(credentials).toEqual([]);
    const history = await harness.call('GET', '/v1/checks/change_management.ticket_has_assignee/history');
    expect(history.body.results.length).toBeGreaterThanOrEqual(3);
    expect(history.body.evidenceChain.valid).toBe(true);
    expect((await harness.call('POST', `/v1/connections/${connectionId}/sync`)).status).toBe(409);
  });
});
