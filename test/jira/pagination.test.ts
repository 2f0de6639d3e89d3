import { describe, expect, it } from 'vitest';
import { JiraError } from '../../src/jira/errors.js';
import { paginateArray, paginateCursor, paginateOffset, type OffsetPage } from '../../src/jira/pagination.js';

const projectSearch = { method: 'GET', path: '/rest/api/3/project/search' };
const usersSearch = { method: 'GET', path: '/rest/api/3/users/search' };
const searchJql = { method: 'POST', path: '/rest/api/3/search/jql' };

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

function recordingLogger() {
  const lines: { details: object; message: string }[] = [];
  return { lines, info: (details: object, message: string) => lines.push({ details, message }) };
}

const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));

describe('paginateOffset (PageBean)', () => {
  it('advances by the values returned, not the size asked for, and logs the cap (B02)', async () => {
    const requests: [number, number][] = [];
    const pages: Record<number, OffsetPage<{ id: string }>> = {
      0: { values: ids(0, 50), maxResults: 50, isLast: false },
      50: { values: ids(50, 50), maxResults: 50, isLast: false },
      100: { values: ids(100, 20), maxResults: 50, isLast: true },
    };
    const logger = recordingLogger();

    const projects = await collect(
      paginateOffset(
        async (startAt, maxResults) => {
          requests.push([startAt, maxResults]);
          return pages[startAt] ?? { values: [] };
        },
        { resource: projectSearch, pageSize: 500, identify: (p) => p.id, logger },
      ),
    );

    expect(projects).toHaveLength(120);
    expect(new Set(projects.map((p) => p.id)).size).toBe(120);
    expect(requests).toEqual([
      [0, 500],
      [50, 500],
      [100, 500],
    ]);
    expect(logger.lines).toEqual([
      { details: { ...projectSearch, requested: 500, served: 50 }, message: 'Jira capped the page size' },
    ]);
  });

  it('stops on an empty page when isLast is never sent', async () => {
    const requests: number[] = [];
    const projects = await collect(
      paginateOffset(
        async (startAt) => {
          requests.push(startAt);
          return { values: startAt < 4 ? ids(startAt, 2) : [] };
        },
        { resource: projectSearch, pageSize: 2 },
      ),
    );

    expect(projects.map((p) => p.id)).toEqual(['0', '1', '2', '3']);
    expect(requests).toEqual([0, 2, 4]);
  });

  it('does not log when the server serves the size asked for', async () => {
    const logger = recordingLogger();
    await collect(
      paginateOffset(async () => ({ values: ids(0, 2), maxResults: 2, isLast: true }), {
        resource: projectSearch,
        pageSize: 2,
        logger,
      }),
    );

    expect(logger.lines).toEqual([]);
  });

  it('stops with an error when a page repeats instead of looping forever', async () => {
    const pages = paginateOffset(async () => ({ values: ids(0, 3), isLast: false }), {
      resource: projectSearch,
      pageSize: 3,
      identify: (p) => p.id,
    });
    const seen: string[] = [];

    await expect(async () => {
      for await (const page of pages) seen.push(...page.map((p) => p.id));
    }).rejects.toMatchObject({
      code: 'JIRA_BAD_RESPONSE',
      path: '/rest/api/3/project/search',
      retryable: false,
    });
    expect(seen).toEqual(['0', '1', '2']);
  });
});

describe('paginateArray (bare arrays)', () => {
  it('keeps reading past short pages until an empty page (B04)', async () => {
    const requests: [number, number][] = [];
    const sizes: Record<number, number> = { 0: 50, 50: 50, 100: 15, 115: 0 };

    const users = await collect(
      paginateArray(
        async (startAt, maxResults) => {
          requests.push([startAt, maxResults]);
          return ids(startAt, sizes[startAt] ?? 0).map((u) => ({ accountId: u.id }));
        },
        { resource: usersSearch, pageSize: 100, identify: (u) => u.accountId },
      ),
    );

    expect(users).toHaveLength(115);
    expect(requests).toEqual([
      [0, 100],
      [50, 100],
      [100, 100],
      [115, 100],
    ]);
  });

  it('reads well past 1000 users', async () => {
    const users = await collect(
      paginateArray(async (startAt) => (startAt < 2345 ? ids(startAt, Math.min(100, 2345 - startAt)) : []), {
        resource: usersSearch,
        pageSize: 100,
        identify: (u) => u.id,
      }),
    );

    expect(users).toHaveLength(2345);
  });

  it('stops with a typed error when a page repeats (loop guard)', async () => {
    const pages = paginateArray(async (startAt) => (startAt < 100 ? ids(startAt, 50) : ids(50, 50)), {
      resource: usersSearch,
      pageSize: 50,
      identify: (u) => u.id,
    });

    let thrown: unknown;
    try {
      await collect(pages);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JiraError);
    expect((thrown as JiraError).message).toBe(
      'Jira sent the same items again at startAt=100 while paging GET /rest/api/3/users/search; stopped to avoid an endless loop.',
    );
  });

  it('accepts a page that overlaps the previous one in part (data shifted between pages)', async () => {
    const users = await collect(
      paginateArray(async (startAt) => ({ 0: ids(0, 3), 3: ids(2, 3) })[startAt] ?? [], {
        resource: usersSearch,
        pageSize: 3,
        identify: (u) => u.id,
      }),
    );

    expect(users.map((u) => u.id)).toEqual(['0', '1', '2', '2', '3', '4']);
  });
});

describe('paginateCursor (nextPageToken)', () => {
  type Page = { issues: { id: string; key: string }[]; nextPageToken: string | null; isLast: boolean };
  const issue = (n: number) => ({ id: String(10000 + n), key: `OPS-${n}` });

  async function readAll(fetchPage: (token: string | null) => Promise<Page>, startToken?: string) {
    const tokens: (string | null)[] = [];
    const pages: Page[] = [];
    for await (const page of paginateCursor(
      async (token) => {
        tokens.push(token);
        return fetchPage(token);
      },
      { resource: searchJql, itemCount: (p) => p.issues.length, startToken },
    )) {
      pages.push(page);
    }
    return { tokens, issues: pages.flatMap((p) => p.issues), pages };
  }

  it('follows nextPageToken and treats a missing token on the last page as the end (B01)', async () => {
    const result = await readAll(async (token) =>
      token === null
        ? { issues: [issue(1), issue(2)], nextPageToken: 'p2', isLast: false }
        : { issues: [issue(3)], nextPageToken: null, isLast: true },
    );

    expect(result.issues.map((i) => i.key)).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
    expect(result.tokens).toEqual([null, 'p2']);
  });

  it('ends on a missing token even when isLast is not sent', async () => {
    const result = await readAll(async (token) =>
      token === null
        ? { issues: [issue(1)], nextPageToken: 'p2', isLast: false }
        : { issues: [issue(2)], nextPageToken: null, isLast: false },
    );

    expect(result.tokens).toEqual([null, 'p2']);
    expect(result.issues).toHaveLength(2);
  });

  it('ends on isLast even when a token is still sent', async () => {
    const result = await readAll(async () => ({ issues: [issue(1)], nextPageToken: 'stale', isLast: true }));

    expect(result.tokens).toEqual([null]);
  });

  it('ends on an empty page and yields nothing for it', async () => {
    const result = await readAll(async (token) =>
      token === null
        ? { issues: [issue(1)], nextPageToken: 'p2', isLast: false }
        : { issues: [], nextPageToken: 'p3', isLast: false },
    );

    expect(result.tokens).toEqual([null, 'p2']);
    expect(result.pages).toHaveLength(1);
  });

  it('resumes from a saved token', async () => {
    const result = await readAll(
      async () => ({ issues: [issue(3)], nextPageToken: null, isLast: true }),
      'p2',
    );

    expect(result.tokens).toEqual(['p2']);
    expect(result.issues.map((i) => i.key)).toEqual(['OPS-3']);
  });

  it('stops with an error when the server hands back a token already used', async () => {
    let page = 0;
    await expect(
      readAll(async () => {
        page += 1;
        return { issues: [issue(page)], nextPageToken: 'p2', isLast: false };
      }),
    ).rejects.toMatchObject({ code: 'JIRA_BAD_RESPONSE', method: 'POST', path: '/rest/api/3/search/jql' });
    expect(page).toBe(2);
  });
});
