import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, inList, onOrAfter, orderBy } from '../../src/jira/jql.js';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { DAY_MS, NOW, call, epochOf } from './support.js';

interface SearchPage {
  issues: { id: string; key?: string; fields?: Record<string, unknown> }[];
  nextPageToken?: string;
  isLast: boolean;
}

const scenario = createRealisticScenario({ now: NOW });
const changeJql = orderBy(and(inList('project', ['CHG']), inList('issuetype', ['Change'])), 'created');
const changeIds = scenario.issues
  .filter((issue) => issue.fields.issuetype.name === 'Change')
  .sort((a, b) => epochOf(a.fields.created) - epochOf(b.fields.created))
  .map((issue) => issue.id);

let simulator: JiraSimulator;
beforeAll(async () => {
  simulator = await startJiraSimulator({ scenario, clock: () => NOW });
});
afterAll(async () => {
  await simulator.close();
});

const getPage = (jql: string, extra = '') =>
  call<SearchPage>(simulator, `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`);

/** Follows nextPageToken to the end, as a client must; returns every page. */
async function allPages(fetchPage: (token?: string) => Promise<SearchPage>): Promise<SearchPage[]> {
  const pages = [await fetchPage()];
  while (pages.at(-1)?.nextPageToken) {
    pages.push(await fetchPage(pages.at(-1)?.nextPageToken));
    if (pages.length > 100) throw new Error('paging does not end');
  }
  return pages;
}

describe('GET and POST /rest/api/3/search/jql', () => {
  it('pages with nextPageToken until a page without one that says isLast, never with total or startAt', async () => {
    const pages = await allPages(async (token) => {
      const tokenPart = token ? `&nextPageToken=${encodeURIComponent(token)}` : '';
      const response = await getPage(changeJql, `&maxResults=40${tokenPart}`);
      expect(response.status).toBe(200);
      return response.body;
    });

    expect(pages.map((page) => page.issues.length)).toEqual([
      ...Array(Math.floor(changeIds.length / 40)).fill(40),
      changeIds.length % 40,
    ]);
    expect(pages.flatMap((page) => page.issues.map((issue) => issue.id))).toEqual(changeIds);
    for (const page of pages.slice(0, -1)) expect(page.isLast).toBe(false);
    expect(pages.at(-1)).toEqual({ issues: expect.any(Array), isLast: true });
    for (const page of pages) {
      expect(page).not.toHaveProperty('total');
      expect(page).not.toHaveProperty('startAt');
    }
  });

  it('returns only the issue id unless fields are asked for', async () => {
    const { body } = await getPage(changeJql, '&maxResults=2');
    expect(body.issues).toEqual([{ id: changeIds[0] }, { id: changeIds[1] }]);
  });

  it('returns exactly the fields asked for, by comma list in GET and by array in POST', async () => {
    const expected = scenario.issues.find((issue) => issue.id === changeIds[0]);
    const viaGet = await getPage(
      changeJql,
      '&maxResults=1&fields=summary,status,assignee,created,resolutiondate',
    );
    const viaPost = await call<SearchPage>(simulator, '/rest/api/3/search/jql', {
      body: {
        jql: changeJql,
        maxResults: 1,
        fields: ['summary', 'status', 'assignee', 'created', 'resolutiondate'],
      },
    });

    expect(viaPost.body).toEqual(viaGet.body);
    expect(viaGet.body.issues[0]).toEqual({
      expand: expected?.expand,
      id: expected?.id,
      self: `${simulator.baseUrl}/rest/api/3/issue/${expected?.id}`,
      key: expected?.key,
      fields: {
        summary: expected?.fields.summary,
        status: JSON.parse(
          JSON.stringify(expected?.fields.status).replaceAll(scenario.siteUrl, simulator.baseUrl),
        ),
        assignee: JSON.parse(
          JSON.stringify(expected?.fields.assignee).replaceAll(scenario.siteUrl, simulator.baseUrl),
        ),
        created: expected?.fields.created,
        resolutiondate: expected?.fields.resolutiondate,
      },
    });
  });

  it('gives every field for *all, minus the ones excluded with -name', async () => {
    const { body } = await getPage(changeJql, '&maxResults=1&fields=*all,-description,-creator');
    expect(Object.keys(body.issues[0]?.fields ?? {}).sort()).toEqual(
      [
        'assignee',
        'created',
        'issuetype',
        'labels',
        'priority',
        'project',
        'reporter',
        'resolution',
        'resolutiondate',
        'status',
        'statuscategorychangedate',
        'summary',
        'updated',
      ].sort(),
    );
  });

  it('caps the page size at 100 and defaults to 50', async () => {
    const jql = 'project in (CHG, OPS, ENG) ORDER BY key';
    expect((await getPage(jql, '&maxResults=500')).body.issues).toHaveLength(100);
    expect((await getPage(jql)).body.issues).toHaveLength(50);
  });

  it('runs the incremental sync query the service builds, in updated order', async () => {
    const since = new Date(NOW.getTime() - 45 * DAY_MS);
    const jql = orderBy(
      and(and(inList('project', ['CHG']), inList('issuetype', ['Change'])), onOrAfter('updated', since)),
      'updated',
    );
    const response = await call<SearchPage>(simulator, '/rest/api/3/search/jql', {
      body: { jql, maxResults: 100, fields: ['updated'] },
    });
    const updated = response.body.issues.map((issue) => epochOf(issue.fields?.updated as string));

    expect(response.body.isLast).toBe(true);
    expect(updated.length).toBe(
      scenario.issues.filter(
        (issue) => issue.fields.project.key === 'CHG' && epochOf(issue.fields.updated) >= since.getTime(),
      ).length,
    );
    expect(updated).toEqual([...updated].sort((a, b) => a - b));
    expect(Math.min(...updated)).toBeGreaterThanOrEqual(since.getTime());
  });

  it('answers a query with no match with an empty last page', async () => {
    const { status, body } = await getPage('project = PPL AND issuetype = Change');
    expect(status).toBe(200);
    expect(body).toEqual({ issues: [], isLast: true });
  });
});

describe('nextPageToken', () => {
  it('is stateless: a client that crashed can continue against a restarted server', async () => {
    const first = await getPage(changeJql, '&maxResults=30');
    await simulator.close();
    simulator = await startJiraSimulator({ scenario, clock: () => NOW });

    const rest = await allPages(async (token) => {
      const response = await call<SearchPage>(simulator, '/rest/api/3/search/jql', {
        body: { jql: changeJql, maxResults: 30, nextPageToken: token ?? first.body.nextPageToken },
      });
      return response.body;
    });
    const ids = [...first.body.issues, ...rest.flatMap((page) => page.issues)].map((issue) => issue.id);

    expect(ids).toEqual(changeIds);
  });

  it('is refused with 400 for a different query or when it is not one the server issued', async () => {
    const { body } = await getPage(changeJql, '&maxResults=10');
    const token = encodeURIComponent(body.nextPageToken ?? '');

    const otherQuery = await getPage('project = OPS ORDER BY created', `&nextPageToken=${token}`);
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.body).toEqual({
      errorMessages: ['Invalid nextPageToken: The page token belongs to a different query.'],
      errors: {},
    });
    expect((await getPage(changeJql, '&nextPageToken=not-a-token')).status).toBe(400);
  });
});

describe('bad searches', () => {
  it.each(['', '   ', 'ORDER BY created DESC'])('refuses the unbounded query %j with 400', async (jql) => {
    const { status, body } = await getPage(jql);
    expect(status).toBe(400);
    expect(body).toEqual({
      errorMessages: [
        'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
      ],
      errors: {},
    });
  });

  it("refuses malformed JQL with Jira's error body", async () => {
    const { status, body } = await getPage('project = IS');
    expect(status).toBe(400);
    expect(body).toEqual({
      errorMessages: [
        "Error in the JQL Query: Expecting either a value, list or function but got 'IS'. You must surround 'IS' in quotation marks to use it as a value. (line 1, character 11)",
      ],
      errors: {},
    });
  });

  it('refuses a POST body with a property the endpoint does not have, such as startAt', async () => {
    const { status, body } = await call(simulator, '/rest/api/3/search/jql', {
      body: { jql: changeJql, startAt: 50 },
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      errorMessages: ['Unrecognized field "startAt" in the request body.'],
      errors: {},
    });
  });

  it('refuses a POST body that is not JSON', async () => {
    const response = await fetch(`${simulator.baseUrl}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${scenario.credentials.email}:${scenario.credentials.apiToken}`).toString('base64')}`,
      },
      body: '{"jql": ',
    });
    expect(response.status).toBe(400);
  });
});

describe('POST /rest/api/3/search/approximate-count', () => {
  it('counts what a search would find', async () => {
    const { status, body } = await call(simulator, '/rest/api/3/search/approximate-count', {
      body: { jql: changeJql },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ count: changeIds.length });
  });
});
