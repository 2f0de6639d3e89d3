import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { NOW, call } from './support.js';

interface PageBean<T> {
  self: string;
  nextPage?: string;
  maxResults: number;
  startAt: number;
  total: number;
  isLast: boolean;
  values: T[];
}

const scenario = createRealisticScenario({ now: NOW, extraProjectCount: 114 });

let simulator: JiraSimulator;
beforeAll(async () => {
  simulator = await startJiraSimulator({ scenario, clock: () => NOW });
});
afterAll(async () => {
  await simulator.close();
});

describe('GET /rest/api/3/project/search', () => {
  it('gives 50 per page when asked for 500, so the client must advance by what came back', async () => {
    const pages: PageBean<{ key: string }>[] = [];
    for (const startAt of [0, 50, 100]) {
      const { status, body } = await call<PageBean<{ key: string }>>(
        simulator,
        `/rest/api/3/project/search?startAt=${startAt}&maxResults=500`,
      );
      expect(status).toBe(200);
      pages.push(body);
    }

    expect(
      pages.map((page) => [page.startAt, page.maxResults, page.values.length, page.isLast, page.total]),
    ).toEqual([
      [0, 50, 50, false, 120],
      [50, 50, 50, false, 120],
      [100, 50, 20, true, 120],
    ]);
    const keys = pages.flatMap((page) => page.values.map((project) => project.key));
    expect(keys).toEqual(scenario.projects.map((project) => project.key).sort());
  });

  it('links to the next page with a URL that can be followed, and not from the last page', async () => {
    const first = await call<PageBean<{ key: string }>>(
      simulator,
      '/rest/api/3/project/search?maxResults=500',
    );
    expect(first.body.self).toBe(`${simulator.baseUrl}/rest/api/3/project/search?maxResults=50&startAt=0`);
    expect(first.body.nextPage).toBe(
      `${simulator.baseUrl}/rest/api/3/project/search?maxResults=50&startAt=50`,
    );

    const second = await call<PageBean<{ key: string }>>(
      simulator,
      (first.body.nextPage ?? '').slice(simulator.baseUrl.length),
    );
    expect(second.body.startAt).toBe(50);
    const last = await call<PageBean<{ key: string }>>(
      simulator,
      (second.body.nextPage ?? '').slice(simulator.baseUrl.length),
    );
    expect(last.body.isLast).toBe(true);
    expect(last.body).not.toHaveProperty('nextPage');
  });

  it('filters by keys (repeated or comma-separated) and by query', async () => {
    const repeated = await call<PageBean<{ key: string }>>(
      simulator,
      '/rest/api/3/project/search?keys=IS&keys=CHG',
    );
    const commas = await call<PageBean<{ key: string }>>(simulator, '/rest/api/3/project/search?keys=CHG,IS');
    expect(repeated.body.values.map((project) => project.key)).toEqual(['CHG', 'IS']);
    expect(commas.body.values).toEqual(repeated.body.values);
    expect(repeated.body.total).toBe(2);

    const byName = await call<PageBean<{ key: string }>>(
      simulator,
      '/rest/api/3/project/search?query=operations',
    );
    expect(byName.body.values.map((project) => project.key)).toEqual(['OPS']);
  });

  it('adds issue counts with expand=insight', async () => {
    const { body } = await call<PageBean<{ key: string; insight: { totalIssueCount: number } }>>(
      simulator,
      '/rest/api/3/project/search?keys=CHG,A001&expand=insight',
    );
    const chgCount = scenario.issues.filter((issue) => issue.fields.project.key === 'CHG').length;
    expect(body.values.map((project) => [project.key, project.insight.totalIssueCount])).toEqual([
      ['A001', 0],
      ['CHG', chgCount],
    ]);
  });

  it('refuses a maxResults that is not a number', async () => {
    const { status } = await call(simulator, '/rest/api/3/project/search?maxResults=lots');
    expect(status).toBe(400);
  });
});

describe('page-size caps', () => {
  it('can be set per simulator', async () => {
    const small = await startJiraSimulator({ scenario, pageSizeCaps: { projectSearch: 10, searchJql: 7 } });
    try {
      const projects = await call<PageBean<unknown>>(small, '/rest/api/3/project/search?maxResults=100');
      expect(projects.body.values).toHaveLength(10);
      expect(projects.body.maxResults).toBe(10);
      const issues = await call<{ issues: unknown[] }>(
        small,
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = CHG')}&maxResults=100`,
      );
      expect(issues.body.issues).toHaveLength(7);
    } finally {
      await small.close();
    }
  });
});

describe('statuses', () => {
  it('lists every status as a bare array with its category', async () => {
    const { status, body } = await call<{ name: string; statusCategory: { key: string } }[]>(
      simulator,
      '/rest/api/3/status',
    );
    expect(status).toBe(200);
    expect(body.map((entry) => [entry.name, entry.statusCategory.key])).toEqual(
      scenario.statuses.map((entry) => [entry.name, entry.statusCategory.key]),
    );
  });

  it('pages /statuses/search and names categories TODO, IN_PROGRESS and DONE', async () => {
    const first = await call<PageBean<{ name: string; statusCategory: string }>>(
      simulator,
      '/rest/api/3/statuses/search?maxResults=5',
    );
    const second = await call<PageBean<{ name: string; statusCategory: string }>>(
      simulator,
      '/rest/api/3/statuses/search?maxResults=5&startAt=5',
    );
    expect([first.body.values.length, first.body.isLast, first.body.total]).toEqual([5, false, 12]);
    expect(second.body.isLast).toBe(false);

    const done = await call<PageBean<{ name: string; statusCategory: string }>>(
      simulator,
      '/rest/api/3/statuses/search?statusCategory=DONE',
    );
    expect(done.body.values.map((entry) => entry.name)).toEqual([
      'Done',
      'Deployed',
      'Rolled back',
      'Mitigated',
    ]);
    expect(done.body.values.every((entry) => entry.statusCategory === 'DONE')).toBe(true);
    expect(done.body.isLast).toBe(true);
  });
});
