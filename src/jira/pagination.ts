import { JiraError } from './errors.js';

/**
 * The three ways Jira pages a list, each read to the real end. In every style the server picks the page
 * size (it silently caps what we ask for), so these helpers advance by what came back and never take a
 * short page for the last one unless Jira says so. A page made only of items already seen means the
 * server is looping; that stops the read with an error rather than running forever.
 */

export interface PaginationLogger {
  info(details: object, message: string): void;
}

/** What is being paged, for log lines and errors: `GET /rest/api/3/project/search`. */
export interface PagedResource {
  method: string;
  path: string;
}

interface PagingOptions<Item> {
  resource: PagedResource;
  /** The page size to ask for; the server may send fewer. */
  pageSize: number;
  /** The offset of the first item to read. @default 0 */
  startAt?: number;
  /** An item's identity, for the loop guard. @default JSON.stringify */
  identify?: (item: Item) => string;
  logger?: PaginationLogger;
}

/** An offset page (Jira's PageBean): `values` plus, usually, `isLast` and the page size it used. */
export interface OffsetPage<Item> {
  values: Item[];
  isLast?: boolean | null;
  maxResults?: number | null;
}

/**
 * Reads a PageBean list (`/project/search`, `/group/member`): `startAt` advances by the number of values
 * returned; the list ends on `isLast: true` or an empty page. Yields each page's values.
 */
export async function* paginateOffset<Item>(
  fetchPage: (startAt: number, maxResults: number) => Promise<OffsetPage<Item>>,
  options: PagingOptions<Item>,
): AsyncGenerator<Item[]> {
  const guard = repeatGuard(options);
  let startAt = options.startAt ?? 0;
  let capLogged = false;

  for (;;) {
    const page = await fetchPage(startAt, options.pageSize);
    if (page.values.length === 0) return;
    guard(page.values, startAt);

    if (!capLogged && typeof page.maxResults === 'number' && page.maxResults < options.pageSize) {
      capLogged = true;
      options.logger?.info(
        { ...options.resource, requested: options.pageSize, served: page.maxResults },
        'Jira capped the page size',
      );
    }

    yield page.values;
    if (page.isLast === true) return;
    startAt += page.values.length;
  }
}

/**
 * Reads a list that comes as bare JSON arrays with no paging metadata (`/users/search`): only an empty
 * page ends it, since Jira filters each page after choosing it and a short page proves nothing.
 */
export async function* paginateArray<Item>(
  fetchPage: (startAt: number, maxResults: number) => Promise<Item[]>,
  options: PagingOptions<Item>,
): AsyncGenerator<Item[]> {
  const guard = repeatGuard(options);
  let startAt = options.startAt ?? 0;

  for (;;) {
    const values = await fetchPage(startAt, options.pageSize);
    if (values.length === 0) return;
    guard(values, startAt);

    yield values;
    startAt += values.length;
  }
}

/** A cursor page (`/search/jql`). The last page omits `nextPageToken`; that is a normal end. */
export interface CursorPage {
  nextPageToken: string | null;
  isLast: boolean;
}

/**
 * Reads a cursor list from `startToken` (null for the beginning). Ends when the token is absent,
 * `isLast` is true or a page is empty (`itemCount` says how many items a page holds); never reads a
 * total. Yields whole pages so the caller can keep each page's `nextPageToken` and resume from it.
 */
export async function* paginateCursor<Page extends CursorPage>(
  fetchPage: (nextPageToken: string | null) => Promise<Page>,
  options: { resource: PagedResource; itemCount: (page: Page) => number; startToken?: string | null },
): AsyncGenerator<Page> {
  const tokensSent = new Set<string>();
  let token = options.startToken ?? null;

  for (;;) {
    if (token !== null) tokensSent.add(token);
    const page = await fetchPage(token);
    if (options.itemCount(page) === 0) return;

    yield page;
    if (page.isLast || !page.nextPageToken) return;
    if (tokensSent.has(page.nextPageToken))
      throw loopError(options.resource, 'sent a page token it had sent before');
    token = page.nextPageToken;
  }
}

function repeatGuard<Item>(options: PagingOptions<Item>): (values: Item[], startAt: number) => void {
  const identify = options.identify ?? ((item: Item) => JSON.stringify(item));
  const seen = new Set<string>();

  return (values, startAt) => {
    const keys = values.map(identify);
    if (keys.every((key) => seen.has(key))) {
      throw loopError(options.resource, `sent the same items again at startAt=${startAt}`);
    }
    for (const key of keys) seen.add(key);
  };
}

function loopError(resource: PagedResource, what: string): JiraError {
  return new JiraError({
    code: 'JIRA_BAD_RESPONSE',
    message: `Jira ${what} while paging ${resource.method} ${resource.path}; stopped to avoid an endless loop.`,
    status: null,
    method: resource.method,
    path: resource.path,
    retryable: false,
  });
}
