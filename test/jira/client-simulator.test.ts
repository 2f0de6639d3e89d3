import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { basicAuth } from '../../src/jira/auth.js';
import { JiraClient, type JiraClientOptions, type JiraIssuePage } from '../../src/jira/client.js';
import { JiraError } from '../../src/jira/errors.js';
import { and, eq, inList, orderBy } from '../../src/jira/jql.js';
import {
  createRealisticScenario,
  parseJiraTimestamp as simulatorParseTimestamp,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';

const PROJECT_COUNT = 120;
const NOW = new Date('2025-06-01T12:00:00.000Z');

let simulator: JiraSimulator;

beforeAll(async () => {
  const baseProjects = createRealisticScenario({ now: NOW, issueCount: 20 }).projects.length;
  const scenario = createRealisticScenario({ now: NOW, extraProjectCount: PROJECT_COUNT - baseProjects });
  simulator = await startJiraSimulator({ scenario, clock: () => NOW });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(() => {
  simulator.faults.clear();
  simulator.resetRequests();
});

/** A client for the scenario's API user whose waits are recorded, not slept, with the lowest jitter. */
function clientFor(options: Partial<JiraClientOptions> = {}) {
  const waits: number[] = [];
  const infos: object[] = [];
  const { email, apiToken } = simulator.scenario.credentials;
  const client = new JiraClient({
    baseUrl: simulator.baseUrl,
    auth: basicAuth(email, apiToken),
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
    logger: { info: (details) => infos.push(details), warn: () => undefined },
    ...options,
  });
  return { client, waits, infos };
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

async function allPages(pages: AsyncIterable<JiraIssuePage>): Promise<JiraIssuePage[]> {
  const read: JiraIssuePage[] = [];
  for await (const page of pages) read.push(page);
  return read;
}

describe('JiraClient against the Jira simulator', () => {
  describe('the account', () => {
    it('reads the API user, its admin right and the server', async () => {
      const { client } = clientFor();

      const myself = await client.getMyself();
      const permissions = await client.getMyPermissions(['ADMINISTER']);
      const server = await client.getServerInfo();

      expect(myself.accountId).toBe(simulator.scenario.credentials.accountId);
      expect(permissions.ADMINISTER?.havePermission).toBe(true);
      expect(server.serverTitle).toBe('Acme Jira');
    });

    it('fails a wrong API token with JIRA_UNAUTHORIZED, once, without echoing the token', async () => {
      const wrongToken = `${simulator.scenario.credentials.apiToken}-revoked`;
      const { client } = clientFor({ auth: basicAuth(simulator.scenario.credentials.email, wrongToken) });

      const error = await failureOf(client.getMyself());

      expect(error).toMatchObject({ code: 'JIRA_UNAUTHORIZED', status: 401, retryable: false });
      expect(simulator.requests).toHaveLength(1);
      for (const text of [
        String(error),
        JSON.stringify(error),
        error.stack ?? '',
        inspect(error, { depth: 10 }),
      ]) {
        expect(text).not.toContain(wrongToken);
        expect(text).not.toContain(simulator.scenario.credentials.apiToken);
      }
    });
  });

  describe('lists', () => {
    it('reads all projects although the server caps pages at 50 (B02)', async () => {
      const { client, infos } = clientFor();

      const projects = [];
      for await (const page of client.listProjects()) projects.push(...page);

      expect(projects).toHaveLength(PROJECT_COUNT);
      expect(new Set(projects.map((p) => p.id)).size).toBe(PROJECT_COUNT);
      expect(projects.map((p) => p.key)).toEqual(expect.arrayContaining(['CHG', 'OPS', 'IS']));
      expect(simulator.requests.map((r) => [r.query.startAt, r.query.maxResults])).toEqual([
        ['0', '100'],
        ['50', '100'],
        ['100', '100'],
      ]);
      expect(infos).toEqual([
        { method: 'GET', path: '/rest/api/3/project/search', requested: 100, served: 50 },
      ]);
    });

    it('reads every status with its category', async () => {
      const { client } = clientFor();

      const statuses = await client.listStatuses();

      expect(statuses.map((s) => [s.id, s.name, s.categoryKey])).toEqual(
        simulator.scenario.statuses.map((s) => [s.id, s.name, s.statusCategory.key]),
      );
    });
  });

  describe('search', () => {
    it('follows the cursor through every page to exactly the matching issues (B01)', async () => {
      const { client } = clientFor();
      const keys = simulator.scenario.projects.map((p) => p.key);
      const jql = orderBy(inList('project', keys), 'created');

      const pages = await allPages(client.searchIssues({ jql, maxResults: 500 }));
      const issues = pages.flatMap((p) => p.issues);

      expect(issues.map((i) => i.id)).toEqual(simulator.scenario.issues.map((i) => i.id));
      expect(pages.at(-1)).toMatchObject({ nextPageToken: null, isLast: true });
      expect(pages.slice(0, -1).every((p) => p.issues.length === 100 && p.nextPageToken !== null)).toBe(true);
      expect(simulator.requests).toHaveLength(Math.ceil(simulator.scenario.issues.length / 100));
      expect(
        simulator.requests.every((r) => r.method === 'POST' && r.path === '/rest/api/3/search/jql'),
      ).toBe(true);
    });

    it('reads every timestamp to the same instant as the simulator wrote it (B08)', async () => {
      const { client } = clientFor();
      const jql = orderBy(inList('project', ['CHG', 'OPS', 'ENG', 'SEC', 'IS', 'PPL']), 'created');
      const raw = new Map(simulator.scenario.issues.map((i) => [i.id, i.fields]));

      const issues = (await allPages(client.searchIssues({ jql }))).flatMap((p) => p.issues);

      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        const fields = raw.get(issue.id);
        expect(issue.created.getTime()).toBe(simulatorParseTimestamp(fields?.created ?? ''));
        expect(issue.updated.getTime()).toBe(simulatorParseTimestamp(fields?.updated ?? ''));
        expect(issue.resolved?.getTime() ?? null).toBe(
          fields?.resolutiondate ? simulatorParseTimestamp(fields.resolutiondate) : null,
        );
      }
      const offsets = new Set([...raw.values()].map((f) => f.created.slice(-5)));
      expect(offsets.size).toBeGreaterThan(1);
    });

    it('finds the issues of a project whose key is a reserved word', async () => {
      const { client } = clientFor();
      const expected = simulator.scenario.issues
        .filter((i) => i.fields.project.key === 'IS')
        .map((i) => i.key);

      const issues = (await allPages(client.searchIssues({ jql: and(eq('project', 'IS')) }))).flatMap(
        (p) => p.issues,
      );

      expect(expected.length).toBeGreaterThan(0);
      expect(issues.map((i) => i.key).sort()).toEqual([...expected].sort());
    });

    it('reports JQL Jira cannot run as JIRA_INVALID_JQL', async () => {
      const { client } = clientFor();

      const error = await failureOf(client.searchIssuesPage({ jql: 'project = "OPS" AND nosuchfield = 1' }));

      expect(error).toMatchObject({ code: 'JIRA_INVALID_JQL', status: 400, retryable: false });
      expect(error.jiraMessages.length).toBeGreaterThan(0);
    });

    it('reports the removed legacy search as JIRA_ENDPOINT_REMOVED (B01)', async () => {
      const { client } = clientFor();

      const error = await failureOf(
        client.requestJson({
          method: 'GET',
          path: '/rest/api/3/search',
          query: { jql: 'project=OPS' },
          schema: z.object({}),
        }),
      );

      expect(error).toMatchObject({ code: 'JIRA_ENDPOINT_REMOVED', status: 410, retryable: false });
      expect(error.jiraMessages[0]).toContain('/rest/api/3/search/jql');
      expect(simulator.requests).toHaveLength(1);
    });
  });

  describe('faults', () => {
    it('waits at least max(Retry-After, 1 s) for Retry-After 0 and then 7 (B09)', async () => {
      simulator.faults.rateLimit('/rest/api/3/status', { times: 1, retryAfterSeconds: 0 });
      simulator.faults.add({
        path: '/rest/api/3/status',
        status: 429,
        times: 1,
        retryAfterSeconds: 7,
        rateLimitReason: 'jira-quota-based',
      });
      const { client, waits } = clientFor();

      const statuses = await client.listStatuses();

      expect(statuses.length).toBe(simulator.scenario.statuses.length);
      expect(waits).toEqual([1000, 7000]);
      expect(simulator.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    });

    it('gives up on a lasting rate limit with a retryable JIRA_RATE_LIMITED', async () => {
      simulator.faults.rateLimit('/rest/api/3/myself', { times: 100, retryAfterSeconds: 3 });
      const { client, waits } = clientFor({ retry: { maxAttempts: 3 } });

      const error = await failureOf(client.getMyself());

      expect(error).toMatchObject({ code: 'JIRA_RATE_LIMITED', retryable: true, retryAfterMs: 3000 });
      expect(waits).toEqual([3000, 3000]);
    });

    it('retries server errors and a dropped connection, then reads the answer', async () => {
      simulator.faults.add({ path: '/rest/api/3/serverInfo', status: 503, times: 2 });
      simulator.faults.add({ path: '/rest/api/3/serverInfo', resetConnection: true, times: 1 });
      const { client, waits } = clientFor();

      await expect(client.getServerInfo()).resolves.toMatchObject({ serverTitle: 'Acme Jira' });
      expect(waits).toEqual([700, 1400, 2800]);
      expect(simulator.requests.map((r) => r.status)).toEqual([503, 503, 0, 200]);
    });

    it('reports junk in a 200 answer as JIRA_BAD_RESPONSE without retrying', async () => {
      simulator.faults.add({ path: '/rest/api/3/status', status: 200, body: '<html>maintenance</html>' });
      const { client } = clientFor();

      const error = await failureOf(client.listStatuses());

      expect(error).toMatchObject({ code: 'JIRA_BAD_RESPONSE', status: 200, retryable: false });
      expect(simulator.requests).toHaveLength(1);
    });

    it('lets a 403 on one resource be recorded while the others are read (B18)', async () => {
      simulator.faults.forbid('/rest/api/3/project/search', {
        message: 'You need the Browse projects permission.',
      });
      const { client } = clientFor();

      const forbidden = await failureOf(
        (async () => {
          for await (const page of client.listProjects()) void page;
        })(),
      );
      const statuses = await client.listStatuses();
      const page = await client.searchIssuesPage({ jql: eq('project', 'OPS') });

      expect(forbidden).toMatchObject({
        code: 'JIRA_FORBIDDEN',
        status: 403,
        path: '/rest/api/3/project/search',
        retryable: false,
        jiraMessages: ['You need the Browse projects permission.'],
      });
      expect(statuses.length).toBeGreaterThan(0);
      expect(page.issues.length).toBeGreaterThan(0);
    });
  });
});
