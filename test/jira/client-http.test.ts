import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { basicAuth, bearerAuth } from '../../src/jira/auth.js';
import { JiraClient, type JiraClientOptions, type JiraRequestEvent } from '../../src/jira/client.js';
import { JiraError } from '../../src/jira/errors.js';
import {
  closedPort,
  startScriptedJiraServer,
  type RecordedRequest,
  type ScriptedAnswer,
  type ScriptedJiraServer,
} from './support/scripted-jira-server.js';

const API_TOKEN = 'fake-api-token-0002-very-secret-value';
const EMAIL = 'ops@example.com';

let server: ScriptedJiraServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: (request: RecordedRequest, index: number) => ScriptedAnswer) {
  server = await startScriptedJiraServer(answer);
  return server;
}

/** A client whose waits are recorded instead of slept, with jitter fixed at its lowest. */
function clientFor(baseUrl: string, options: Partial<JiraClientOptions> = {}) {
  const waits: number[] = [];
  const events: JiraRequestEvent[] = [];
  const client = new JiraClient({
    baseUrl,
    auth: basicAuth(EMAIL, API_TOKEN),
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
    onRequest: (event) => events.push(event),
    ...options,
  });
  return { client, waits, events };
}

async function failureOf(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JiraError);
    return error as JiraError;
  }
  throw new Error('expected the call to fail');
}

const anything = z.object({});
const myself = {
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  accountType: 'atlassian',
  displayName: 'Ops',
  active: true,
};

describe('retries', () => {
  it('retries 429 after at least max(Retry-After, 1 s) plus jitter, also for Retry-After: 0 (B09)', async () => {
    const answers: ScriptedAnswer[] = [
      { status: 429, headers: { 'retry-after': '0' }, json: { errorMessages: ['Rate limit exceeded.'] } },
      {
        status: 429,
        headers: {
          'retry-after': '7',
          'x-ratelimit-reset': '2025-01-01T10:00Z',
          'ratelimit-reason': 'jira-quota-based',
        },
      },
      { status: 200, json: {} },
    ];
    const { baseUrl } = await serve((_, i) => answers[i] ?? { status: 500 });
    const { client, waits, events } = clientFor(baseUrl);

    await expect(
      client.requestJson({ method: 'GET', path: '/rest/api/3/serverInfo', schema: anything }),
    ).resolves.toEqual({});
    expect(waits).toEqual([1000, 7000]);
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [429, 2],
      [200, 3],
    ]);
  });

  it('adds up to 30 % jitter on top of Retry-After, never less than it', async () => {
    const { baseUrl } = await serve((_, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '7' } } : { status: 200, json: {} },
    );
    const { client, waits } = clientFor(baseUrl, { random: () => 0.5 });

    await client.requestJson({ method: 'GET', path: '/rest/api/3/serverInfo', schema: anything });

    expect(waits).toEqual([8050]);
  });

  it('gives up after maxAttempts with a retryable JIRA_RATE_LIMITED that keeps Retry-After', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 429, headers: { 'retry-after': '2' } }));
    const { client, waits } = clientFor(baseUrl);

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(5);
    expect(waits).toEqual([2000, 2000, 4000, 8000]);
    expect(error).toMatchObject({
      code: 'JIRA_RATE_LIMITED',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(error.message).toBe(
      'Jira kept rate-limiting GET /rest/api/3/myself (429) after 5 attempt(s). Jira asked to wait 2 s.',
    );
  });

  it('does not hold a wait longer than the total budget: fails at once and says how long to wait', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const { client, waits } = clientFor(baseUrl, { retry: { maxTotalMs: 60_000 } });

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ code: 'JIRA_RATE_LIMITED', retryable: true, retryAfterMs: 3_600_000 });
  });

  it('stops when the waits so far and the next one would exceed maxTotalMs', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 503 }));
    const { client, waits } = clientFor(baseUrl, {
      retry: { maxAttempts: 10, baseDelayMs: 1000, maxTotalMs: 4000 },
    });

    await failureOf(client.getMyself());

    // 700 + 1400 = 2100 ms waited; the next wait (2800) would pass 4000.
    expect(waits).toEqual([700, 1400]);
    expect(requests).toHaveLength(3);
  });

  it('retries 5xx with exponential back-off and then succeeds', async () => {
    const { baseUrl } = await serve((_, i) =>
      i < 2 ? { status: i === 0 ? 503 : 502, text: '<html>busy</html>' } : { status: 200, json: myself },
    );
    const { client, waits } = clientFor(baseUrl);

    await expect(client.getMyself()).resolves.toMatchObject({ accountId: myself.accountId });
    expect(waits).toEqual([700, 1400]);
  });

  it('honours Retry-After on a 503 too', async () => {
    const { baseUrl } = await serve((_, i) =>
      i === 0 ? { status: 503, headers: { 'retry-after': '5' } } : { status: 200, json: myself },
    );
    const { client, waits } = clientFor(baseUrl);

    await client.getMyself();

    expect(waits).toEqual([5000]);
  });

  it('fails with a retryable JIRA_SERVER_ERROR when 5xx persists', async () => {
    const { baseUrl, requests } = await serve(() => ({
      status: 500,
      json: { errorMessages: ['Internal server error'] },
    }));
    const { client } = clientFor(baseUrl, { retry: { maxAttempts: 3 } });

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(3);
    expect(error).toMatchObject({
      code: 'JIRA_SERVER_ERROR',
      status: 500,
      retryable: true,
      jiraMessages: ['Internal server error'],
    });
    expect(error.message).toBe(
      'Jira failed to answer GET /rest/api/3/myself (500) after 3 attempt(s). Jira said: "Internal server error"',
    );
  });

  it('sends a write (POST) only once on a 5xx, but again after a 429', async () => {
    const { baseUrl, requests } = await serve((_, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 502 },
    );
    const { client, waits } = clientFor(baseUrl);

    const error = await failureOf(
      client.requestJson({
        method: 'POST',
        path: '/rest/api/3/issue',
        body: { fields: {} },
        schema: anything,
      }),
    );

    expect(requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
    expect(error).toMatchObject({ code: 'JIRA_SERVER_ERROR', status: 502 });
  });

  it('retries a POST declared idempotent, like a search', async () => {
    const { baseUrl, requests } = await serve((_, i) =>
      i === 0 ? { status: 502 } : { status: 200, json: { issues: [], isLast: true } },
    );
    const { client } = clientFor(baseUrl);

    await client.searchIssuesPage({ jql: 'project = "OPS"' });

    expect(requests).toHaveLength(2);
  });

  it.each([
    [400, 'JIRA_BAD_REQUEST'],
    [401, 'JIRA_UNAUTHORIZED'],
    [403, 'JIRA_FORBIDDEN'],
    [404, 'JIRA_NOT_FOUND'],
    [409, 'JIRA_BAD_REQUEST'],
    [410, 'JIRA_ENDPOINT_REMOVED'],
  ] as const)('never retries %i (%s)', async (status, code) => {
    const { baseUrl, requests } = await serve(() => ({
      status,
      json: { errorMessages: ['no'], errors: {} },
    }));
    const { client, waits } = clientFor(baseUrl);

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({
      code,
      status,
      retryable: false,
      method: 'GET',
      path: '/rest/api/3/myself',
    });
  });
});

describe('network failures', () => {
  it('retries a refused connection and then fails with JIRA_UNREACHABLE', async () => {
    const port = await closedPort();
    const { client, waits, events } = clientFor(`http://127.0.0.1:${port}`, { retry: { maxAttempts: 3 } });

    const error = await failureOf(client.getMyself());

    expect(error).toMatchObject({ code: 'JIRA_UNREACHABLE', status: null, retryable: true });
    expect(error.message).toBe(
      `Could not reach Jira at 127.0.0.1:${port} for GET /rest/api/3/myself after 3 attempt(s) (ECONNREFUSED).`,
    );
    expect(waits).toHaveLength(2);
    expect(events.map((e) => [e.status, e.networkCode])).toEqual([
      [null, 'ECONNREFUSED'],
      [null, 'ECONNREFUSED'],
      [null, 'ECONNREFUSED'],
    ]);
  });

  it('retries a connection the server drops and succeeds on the next attempt', async () => {
    const { baseUrl } = await serve((_, i) => (i === 0 ? { destroy: true } : { status: 200, json: myself }));
    const { client, waits, events } = clientFor(baseUrl);

    await expect(client.getMyself()).resolves.toMatchObject({ displayName: 'Ops' });
    expect(waits).toEqual([700]);
    expect(events[0]?.networkCode).toBe('UND_ERR_SOCKET');
  });

  it('times out an attempt that gets no answer and retries it', async () => {
    const { baseUrl, requests } = await serve(() => ({ hang: true }));
    const { client } = clientFor(baseUrl, { requestTimeoutMs: 150, retry: { maxAttempts: 2 } });

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(2);
    expect(error).toMatchObject({ code: 'JIRA_UNREACHABLE', retryable: true });
    expect(error.message).toContain('(REQUEST_TIMEOUT)');
  });
});

describe('cancellation', () => {
  it('stops waiting between retries as soon as the signal aborts', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    const controller = new AbortController();
    const client = new JiraClient({ baseUrl, auth: basicAuth(EMAIL, API_TOKEN), signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);

    await expect(client.getMyself()).rejects.toThrow('activity cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(requests).toHaveLength(1);
  });

  it('aborts a request in flight', async () => {
    const { baseUrl } = await serve(() => ({ hang: true }));
    const controller = new AbortController();
    const { client, waits } = clientFor(baseUrl, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);

    await expect(client.getMyself()).rejects.toThrow('activity cancelled');
    expect(waits).toEqual([]);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 200, json: myself }));
    const { client } = clientFor(baseUrl, { signal: AbortSignal.abort(new Error('gone')) });

    await expect(client.getMyself()).rejects.toThrow('gone');
    expect(requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('sends the credentials but never puts the API token in a 401 error', async () => {
    const { baseUrl, requests } = await serve(() => ({
      status: 401,
      json: { errorMessages: ['Client must be authenticated to access this resource.'] },
    }));
    const { client } = clientFor(baseUrl);

    const error = await failureOf(client.getMyself());
    const encoded = Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64');

    expect(requests[0]?.headers.authorization).toBe(`Basic ${encoded}`);
    expect(error.code).toBe('JIRA_UNAUTHORIZED');
    expect(error.message).toBe(
      'Jira rejected the e-mail and API token (401). Check that the token belongs to this e-mail and has not expired. Jira said: "Client must be authenticated to access this resource."',
    );
    for (const text of [
      String(error),
      JSON.stringify(error),
      error.stack ?? '',
      inspect(error, { depth: 10, showHidden: true }),
      inspect(client, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(API_TOKEN);
      expect(text).not.toContain(encoded);
    }
  });

  it('keeps the token out of network errors too', async () => {
    const port = await closedPort();
    const { client } = clientFor(`http://127.0.0.1:${port}`, { retry: { maxAttempts: 1 } });

    const error = await failureOf(client.getMyself());

    for (const text of [
      String(error),
      JSON.stringify(error),
      error.stack ?? '',
      inspect(error, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(API_TOKEN);
    }
  });

  it('refuses a base URL that carries credentials', () => {
    expect(
      () => new JiraClient({ baseUrl: 'https://u:p@acme.atlassian.net', auth: basicAuth(EMAIL, API_TOKEN) }),
    ).toThrow(RangeError);
  });

  it('asks a bearer strategy for a token on every attempt', async () => {
    const { baseUrl, requests } = await serve((_, i) =>
      i === 0 ? { status: 503 } : { status: 200, json: myself },
    );
    let issued = 0;
    const { client } = clientFor(baseUrl, { auth: bearerAuth(async () => `token-${(issued += 1)}`) });

    await client.getMyself();

    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('words a 401 for a bearer token and quotes the gateway', async () => {
    const { baseUrl } = await serve(() => ({
      status: 401,
      json: { code: 401, message: 'Unauthorized; scope does not match' },
    }));
    const { client } = clientFor(baseUrl, { auth: bearerAuth(async () => 'access-token') });

    const error = await failureOf(client.getMyself());

    expect(error.jiraMessages).toEqual(['Unauthorized; scope does not match']);
    expect(error.message).toContain('Jira rejected the access token (401).');
  });
});

describe('responses', () => {
  it('reports an answer that is not JSON as JIRA_BAD_RESPONSE, without retrying', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 200, text: '<html>Log in</html>' }));
    const { client } = clientFor(baseUrl);

    const error = await failureOf(client.getMyself());

    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'JIRA_BAD_RESPONSE', status: 200, retryable: false });
    expect(error.message).toBe(
      "Jira's answer to GET /rest/api/3/myself could not be read: the body is not JSON.",
    );
  });

  it('reports an answer of the wrong shape, naming the field', async () => {
    const { baseUrl } = await serve(() => ({ status: 200, json: { accountId: 42 } }));
    const { client } = clientFor(baseUrl);

    const error = await failureOf(client.getMyself());

    expect(error.code).toBe('JIRA_BAD_RESPONSE');
    expect(error.message).toMatch(
      /^Jira's answer to GET \/rest\/api\/3\/myself could not be read: unexpected shape \(accountId: /,
    );
  });

  it('sends paths under a base URL with a path (the API gateway) and reports the API path only', async () => {
    const { baseUrl, requests } = await serve(() => ({
      status: 404,
      json: { errorMessages: ['Not found'] },
    }));
    const { client } = clientFor(`${baseUrl}/ex/jira/cloud-1/`);

    const error = await failureOf(client.getMyPermissions(['ADMINISTER', 'BROWSE_PROJECTS']));

    expect(requests[0]?.path).toBe('/ex/jira/cloud-1/rest/api/3/mypermissions');
    expect(requests[0]?.query.get('permissions')).toBe('ADMINISTER,BROWSE_PROJECTS');
    expect(error.path).toBe('/rest/api/3/mypermissions');
  });

  it('reads permissions into a record of havePermission', async () => {
    const { baseUrl } = await serve(() => ({
      status: 200,
      json: {
        permissions: { ADMINISTER: { id: '0', key: 'ADMINISTER', type: 'GLOBAL', havePermission: false } },
      },
    }));
    const { client } = clientFor(baseUrl);

    await expect(client.getMyPermissions(['ADMINISTER'])).resolves.toEqual({
      ADMINISTER: { havePermission: false },
    });
    await expect(client.getMyPermissions([])).rejects.toThrow(RangeError);
  });
});

describe('search', () => {
  const issue = (n: number) => ({
    id: String(10000 + n),
    key: `OPS-${n}`,
    fields: {
      summary: `Issue ${n}`,
      status: { id: '1', name: 'Open', statusCategory: { key: 'new' } },
      issuetype: { id: '10001', name: 'Task' },
      project: { id: '10000', key: 'OPS' },
      assignee: null,
      priority: null,
      labels: [],
      created: '2024-03-31T01:30:00.000+0100',
      updated: '2024-03-31T00:45:00.000+0000',
      resolutiondate: null,
    },
  });

  it('pages POST /search/jql by cursor and stops when the token is missing (B01)', async () => {
    const { baseUrl, requests } = await serve((request) =>
      (request.body as { nextPageToken?: string }).nextPageToken === 'p2'
        ? { status: 200, json: { issues: [issue(3)], isLast: true } }
        : { status: 200, json: { issues: [issue(1), issue(2)], nextPageToken: 'p2' } },
    );
    const { client } = clientFor(baseUrl);

    const pages = [];
    for await (const page of client.searchIssues({ jql: 'project = "OPS" ORDER BY key', maxResults: 2 }))
      pages.push(page);

    expect(pages.flatMap((p) => p.issues.map((i) => i.key))).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
    expect(pages.map((p) => [p.nextPageToken, p.isLast])).toEqual([
      ['p2', false],
      [null, true],
    ]);
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/rest/api/3/search/jql'],
      ['POST', '/rest/api/3/search/jql'],
    ]);
    expect(requests[0]?.body).toEqual({
      jql: 'project = "OPS" ORDER BY key',
      fields: [
        'summary',
        'status',
        'issuetype',
        'project',
        'assignee',
        'priority',
        'labels',
        'created',
        'updated',
        'resolutiondate',
      ],
      maxResults: 2,
    });
    expect(requests[1]?.body).toMatchObject({ nextPageToken: 'p2' });
  });

  it('asks for extra fields on top of the record fields, once each', async () => {
    const { baseUrl, requests } = await serve(() => ({ status: 200, json: { issues: [], isLast: true } }));
    const { client } = clientFor(baseUrl);

    const page = await client.searchIssuesPage({ jql: 'project = "OPS"', fields: ['summary', 'security'] });

    expect(page).toEqual({ issues: [], nextPageToken: null, isLast: true });
    expect((requests[0]?.body as { fields: string[] }).fields).toEqual([
      'summary',
      'status',
      'issuetype',
      'project',
      'assignee',
      'priority',
      'labels',
      'created',
      'updated',
      'resolutiondate',
      'security',
    ]);
  });

  it('maps a 400 from the search to JIRA_INVALID_JQL', async () => {
    const { baseUrl } = await serve(() => ({
      status: 400,
      json: {
        errorMessages: ["Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'x'."],
        errors: {},
      },
    }));
    const { client } = clientFor(baseUrl);

    const error = await failureOf(client.searchIssuesPage({ jql: 'project = OPS x' }));

    expect(error).toMatchObject({
      code: 'JIRA_INVALID_JQL',
      status: 400,
      method: 'POST',
      path: '/rest/api/3/search/jql',
      retryable: false,
    });
    expect(error.jiraMessages).toEqual([
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'x'.",
    ]);
  });

  it('maps the removed legacy search (410) to a non-retryable JIRA_ENDPOINT_REMOVED (B01)', async () => {
    const body = {
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.',
      ],
      errors: {},
    };
    const { baseUrl, requests } = await serve(() => ({ status: 410, json: body }));
    const { client } = clientFor(baseUrl);

    const error = await failureOf(
      client.requestJson({
        method: 'GET',
        path: '/rest/api/3/search',
        query: { jql: 'project=OPS' },
        schema: anything,
      }),
    );

    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'JIRA_ENDPOINT_REMOVED',
      status: 410,
      retryable: false,
      path: '/rest/api/3/search',
    });
    expect(error.jiraMessages).toEqual(body.errorMessages);
  });
});

describe('per-resource permission failures (B18)', () => {
  it('lets a caller record a 403 on one resource and go on with the others', async () => {
    const { baseUrl } = await serve((request) => {
      if (request.path === '/rest/api/3/group/bulk')
        return { status: 403, json: { errorMessages: ['You need the Browse users and groups permission.'] } };
      if (request.path === '/rest/api/3/applicationrole')
        return { status: 403, json: { errorMessages: ['The user is not an administrator.'] } };
      if (request.path === '/rest/api/3/project/search')
        return { status: 200, json: { isLast: true, values: [{ id: '10000', key: 'OPS', name: 'Ops' }] } };
      return { status: 200, json: { issues: [], isLast: true } };
    });
    const { client } = clientFor(baseUrl);
    const forbidden: string[] = [];
    const read = async (resource: string, call: () => Promise<unknown>) => {
      try {
        await call();
        return 'read';
      } catch (error) {
        if (error instanceof JiraError && error.code === 'JIRA_FORBIDDEN') {
          forbidden.push(`${error.path}: ${error.jiraMessages.join(' ')}`);
          return 'insufficient permission';
        }
        throw error;
      }
    };

    const outcome = {
      projects: await read('projects', async () => {
        for await (const page of client.listProjects()) void page;
      }),
      groups: await read('groups', () =>
        client.requestJson({ method: 'GET', path: '/rest/api/3/group/bulk', schema: anything }),
      ),
      roles: await read('roles', () =>
        client.requestJson({
          method: 'GET',
          path: '/rest/api/3/applicationrole',
          schema: z.array(z.unknown()),
        }),
      ),
      issues: await read('issues', () => client.searchIssuesPage({ jql: 'project = "OPS"' })),
    };

    expect(outcome).toEqual({
      projects: 'read',
      groups: 'insufficient permission',
      roles: 'insufficient permission',
      issues: 'read',
    });
    expect(forbidden).toEqual([
      '/rest/api/3/group/bulk: You need the Browse users and groups permission.',
      '/rest/api/3/applicationrole: The user is not an administrator.',
    ]);
  });
});

describe('lists', () => {
  it('pages /project/search by the number of values returned and logs the cap (B02)', async () => {
    const projects = Array.from({ length: 120 }, (_, i) => ({
      id: String(10000 + i),
      key: `P${i}`,
      name: `Project ${i}`,
    }));
    const { baseUrl, requests } = await serve((request) => {
      const startAt = Number(request.query.get('startAt'));
      const values = projects.slice(startAt, startAt + 50);
      return {
        status: 200,
        json: { startAt, maxResults: 50, total: 120, isLast: startAt + 50 >= 120, values },
      };
    });
    const warnings: string[] = [];
    const infos: object[] = [];
    const { client } = clientFor(baseUrl, {
      logger: { info: (details) => infos.push(details), warn: (_details, message) => warnings.push(message) },
    });

    const read = [];
    for await (const page of client.listProjects()) read.push(...page);

    expect(read).toHaveLength(120);
    expect(read[0]).toEqual({
      id: '10000',
      key: 'P0',
      name: 'Project 0',
      projectTypeKey: null,
      simplified: null,
      style: null,
      isPrivate: null,
    });
    expect(requests.map((r) => [r.query.get('startAt'), r.query.get('maxResults')])).toEqual([
      ['0', '100'],
      ['50', '100'],
      ['100', '100'],
    ]);
    expect(infos).toEqual([
      { method: 'GET', path: '/rest/api/3/project/search', requested: 100, served: 50 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('pages /users/search until an empty array (B04)', async () => {
    const sizes: Record<string, number> = { '0': 50, '50': 50, '100': 15 };
    const { baseUrl, requests } = await serve((request) => {
      const startAt = request.query.get('startAt') ?? '0';
      const users = Array.from({ length: sizes[startAt] ?? 0 }, (_, i) => ({
        accountId: `acc-${Number(startAt) + i}`,
        accountType: 'atlassian',
        displayName: `User ${Number(startAt) + i}`,
        active: i % 2 === 0,
      }));
      return { status: 200, json: users };
    });
    const { client } = clientFor(baseUrl);

    const users = [];
    for await (const page of client.listUsers()) users.push(...page);

    expect(users).toHaveLength(115);
    expect(requests.map((r) => r.query.get('startAt'))).toEqual(['0', '50', '100', '115']);
  });

  it('reads statuses with their category', async () => {
    const { baseUrl } = await serve(() => ({
      status: 200,
      json: [
        { id: '1', name: 'Open', statusCategory: { id: 2, key: 'new' } },
        {
          id: '10002',
          name: 'Erledigt',
          statusCategory: { id: 3, key: 'done' },
          scope: { type: 'PROJECT', project: { id: '10000' } },
        },
      ],
    }));
    const { client } = clientFor(baseUrl);

    await expect(client.listStatuses()).resolves.toEqual([
      { id: '1', name: 'Open', categoryKey: 'new', projectId: null },
      { id: '10002', name: 'Erledigt', categoryKey: 'done', projectId: '10000' },
    ]);
  });
});
