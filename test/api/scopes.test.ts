import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenConnectionBody, startApi, type ApiHarness } from './api-harness.js';

describe('scopes API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  async function newConnectionId(purposes = ['change_management', 'incident_management']): Promise<string> {
    const response = await api.call('POST', '/v1/connections', {
      body: apiTokenConnectionBody({ purposes }),
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  const putScope = (connectionId: string, purpose: string, body: unknown) =>
    api.call('PUT', `/v1/connections/${connectionId}/scopes/${purpose}`, { body });

  it('saves version 1, then version 2, fills in default options and asks for a sync', async () => {
    const id = await newConnectionId();

    const first = await putScope(id, 'change_management', {
      projects: ['chg', 'CHG', 'ops'],
      issueTypes: ['Change'],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      purpose: 'change_management',
      version: 1,
      definition: { projects: ['CHG', 'OPS'], issueTypes: ['Change'] },
      options: { reviewWindowDays: 90, maxDaysWithoutNewTicket: 30 },
      syncRequested: true,
    });
    expect(api.orchestrator.syncRequests.filter((c) => c === id)).toHaveLength(1);

    const second = await putScope(id, 'change_management', {
      jql: 'project = CHG AND labels = change ORDER BY created DESC',
      options: { reviewWindowDays: 30 },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      version: 2,
      definition: { jql: 'project = CHG AND labels = change ORDER BY created DESC' },
      options: { reviewWindowDays: 30, maxDaysWithoutNewTicket: 30 },
    });

    const rows = await api.db
      .selectFrom('scopes')
      .select(['version', 'purpose'])
      .where('connection_id', '=', id)
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { version: 1, purpose: 'change_management' },
      { version: 2, purpose: 'change_management' },
    ]);
  });

  it('lists the latest version of each purpose', async () => {
    const id = await newConnectionId();
    await putScope(id, 'change_management', { projects: ['CHG'], issueTypes: ['Change'] });
    await putScope(id, 'change_management', { projects: ['CHG2'], issueTypes: ['Change'] });
    await putScope(id, 'incident_management', { jql: 'labels = incident', options: { resolutionDays: 0 } });

    const response = await api.call('GET', `/v1/connections/${id}/scopes`);

    expect(response.status).toBe(200);
    expect(response.body.scopes).toMatchObject([
      {
        purpose: 'change_management',
        version: 2,
        definition: { projects: ['CHG2'], issueTypes: ['Change'] },
      },
      { purpose: 'incident_management', version: 1, options: { resolutionDays: 0 } },
    ]);
  });

  it('numbers concurrent saves without gaps or duplicates', async () => {
    const id = await newConnectionId();

    const responses = await Promise.all(
      [1, 2, 3].map(() => putScope(id, 'incident_management', { jql: 'labels = incident' })),
    );

    const saved = responses.filter((r) => r.status === 201).map((r) => r.body.version as number);
    const conflicts = responses.filter((r) => r.status === 409).map((r) => r.body.error.code as string);
    expect(saved.length + conflicts.length).toBe(3);
    expect([...saved].sort()).toEqual([1, 2, 3].slice(0, saved.length));
    expect(conflicts.every((code) => code === 'SCOPE_VERSION_CONFLICT')).toBe(true);
  });

  it.each(['unreachable', 'timeout'] as const)(
    'still saves the scope when the sync cannot be requested (Temporal %s)',
    async (failure) => {
      const id = await newConnectionId();
      api.orchestrator.syncUnavailable = true;
      api.orchestrator.failure = failure;
      try {
        const response = await putScope(id, 'incident_management', {
          projects: ['OPS'],
          issueTypes: ['Incident'],
        });

        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ version: 1, syncRequested: false });
      } finally {
        api.orchestrator.syncUnavailable = false;
        api.orchestrator.failure = 'unreachable';
      }
      expect(api.orchestrator.jqlChecks).toContainEqual({
        connectionId: id,
        jql: 'project in ("OPS") AND issuetype in ("Incident")',
      });
      expect(api.orchestrator.syncRequests).not.toContain(id);
      const listed = await api.call('GET', `/v1/connections/${id}/scopes`);
      expect(listed.body.scopes).toMatchObject([{ purpose: 'incident_management', version: 1 }]);
    },
  );

  it("refuses JQL that Jira refuses, with Jira's message, and saves nothing", async () => {
    const id = await newConnectionId();

    const response = await putScope(id, 'incident_management', { jql: 'labels = invalid' });

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'SCOPE_JQL_INVALID',
      message: "Jira refused the JQL: Error in the JQL Query: the word 'invalid' is not valid here.",
      details: [
        {
          path: 'jql',
          code: 'SCOPE_JQL_INVALID',
          message: "Jira refused the JQL: Error in the JQL Query: the word 'invalid' is not valid here.",
        },
      ],
    });
    expect(api.orchestrator.jqlChecks).toContainEqual({ connectionId: id, jql: '(labels = invalid)' });
    const listed = await api.call('GET', `/v1/connections/${id}/scopes`);
    expect(listed.body.scopes).toEqual([]);
  });

  it('checks a list of projects and issue types with Jira too, naming the scope when Jira refuses it', async () => {
    const id = await newConnectionId();

    const response = await putScope(id, 'change_management', {
      projects: ['chg'],
      issueTypes: ['Invalid type'],
    });

    const message =
      "Jira refused the scope: Error in the JQL Query: the word 'invalid' is not valid here. Check that " +
      'every key in projects and every name in issueTypes exists on the site.';
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'SCOPE_JQL_INVALID',
      message,
      details: [{ path: 'scope', code: 'SCOPE_JQL_INVALID', message }],
    });
    expect(api.orchestrator.jqlChecks).toContainEqual({
      connectionId: id,
      jql: 'project in ("CHG") AND issuetype in ("Invalid type")',
    });
    const listed = await api.call('GET', `/v1/connections/${id}/scopes`);
    expect(listed.body.scopes).toEqual([]);
  });

  it.each(['unreachable', 'timeout'] as const)(
    'answers 503 and saves nothing when no worker can check the scope (Temporal %s)',
    async (failure) => {
      const id = await newConnectionId();
      api.orchestrator.unavailable = true;
      api.orchestrator.failure = failure;
      try {
        const jql = await putScope(id, 'incident_management', { jql: 'labels = incident' });
        const list = await putScope(id, 'incident_management', {
          projects: ['OPS'],
          issueTypes: ['Incident'],
        });

        for (const response of [jql, list]) {
          expect(response.status).toBe(503);
          expect(response.body.error).toEqual({
            code: 'SCOPE_JQL_UNVERIFIED',
            message:
              'The scope could not be checked with Jira right now: no worker answered in time, or the ' +
              'workflow service (Temporal) is unavailable. Nothing was saved; try again shortly.',
          });
        }
      } finally {
        api.orchestrator.unavailable = false;
        api.orchestrator.failure = 'unreachable';
      }
      const listed = await api.call('GET', `/v1/connections/${id}/scopes`);
      expect(listed.body.scopes).toEqual([]);
    },
  );

  it.each([
    [{ reviewWindowDays: 0 }, 'options.reviewWindowDays', 'TOO_SMALL'],
    [{ reviewWindowDays: 3651 }, 'options.reviewWindowDays', 'TOO_BIG'],
    [{ reviewWindowDays: 1.5 }, 'options.reviewWindowDays', 'INVALID_TYPE'],
    [{ maxDaysWithoutNewTicket: '30' }, 'options.maxDaysWithoutNewTicket', 'INVALID_TYPE'],
    [{ resolutionDays: 10 }, 'options.resolutionDays', 'UNKNOWN_FIELD'],
  ])('refuses the change-management options %j', async (options, path, code) => {
    const id = await newConnectionId();

    const response = await putScope(id, 'change_management', {
      projects: ['CHG'],
      issueTypes: ['Change'],
      options,
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path, code }] });
  });

  it('accepts 0 resolution days for incidents but not a negative number', async () => {
    const id = await newConnectionId();

    const zero = await putScope(id, 'incident_management', {
      jql: 'labels = incident',
      options: { resolutionDays: 0 },
    });
    const negative = await putScope(id, 'incident_management', {
      jql: 'labels = incident',
      options: { resolutionDays: -1 },
    });

    expect(zero.status).toBe(201);
    expect(negative.status).toBe(400);
    expect(negative.body.error.details).toEqual([
      expect.objectContaining({ path: 'options.resolutionDays' }),
    ]);
  });

  it.each([
    [
      {},
      [
        ['projects', 'REQUIRED'],
        ['issueTypes', 'REQUIRED'],
      ],
    ],
    [{ projects: ['CHG'] }, [['issueTypes', 'REQUIRED']]],
    [{ projects: [], issueTypes: ['Change'] }, [['projects', 'TOO_SMALL']]],
    [{ projects: ['1ABC'], issueTypes: ['Change'] }, [['projects.0', 'INVALID_FORMAT']]],
    [{ projects: ['CHG'], issueTypes: ['  '] }, [['issueTypes.0', 'TOO_SMALL']]],
    [
      { projects: Array.from({ length: 101 }, (_, i) => `P${i}`), issueTypes: ['Change'] },
      [['projects', 'TOO_BIG']],
    ],
    [{ jql: 'labels = x', projects: ['CHG'] }, [['jql', 'SCOPE_FORM_INVALID']]],
    [{ jql: 'x'.repeat(2001) }, [['jql', 'TOO_BIG']]],
    [{ jql: 'ORDER BY created' }, [['jql', 'INVALID']]],
    [{ jql: 'labels = x', extra: true }, [['extra', 'UNKNOWN_FIELD']]],
  ])('refuses the scope body %j', async (body, expected) => {
    const id = await newConnectionId();

    const response = await putScope(id, 'change_management', body);

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual(
      expected,
    );
  });

  it('refuses a purpose the connection does not have', async () => {
    const id = await newConnectionId(['change_management']);

    const response = await putScope(id, 'incident_management', { jql: 'labels = incident' });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('PURPOSE_NOT_ENABLED');
    expect(response.body.error.message).toContain('not used for incident_management');
  });

  it('refuses an unknown purpose, naming the path parameter', async () => {
    const id = await newConnectionId();

    const response = await putScope(id, 'bookkeeping', { jql: 'labels = x' });

    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      expect.objectContaining({ path: 'purpose', code: 'INVALID_VALUE' }),
    ]);
    expect(response.body.error.message).toMatch(/^The request is invalid: path parameter purpose:/);
  });

  it('refuses to change the scope of a disconnected connection', async () => {
    const id = await newConnectionId();
    await api.db.updateTable('connections').set({ status: 'disconnected' }).where('id', '=', id).execute();

    const response = await putScope(id, 'change_management', { projects: ['CHG'], issueTypes: ['Change'] });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONNECTION_DISCONNECTED');
  });
});
