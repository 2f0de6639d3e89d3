/** What a route answers; the server turns it into an HTTP response. */
export interface SimResponse {
  status: number;
  /** JSON body; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

/** Jira's error body: `{"errorMessages": [...], "errors": {}}`. */
export function errorCollection(
  status: number,
  messages: string[],
  errors: Record<string, string> = {},
): SimResponse {
  return { status, body: { errorMessages: messages, errors } };
}

/** A request Jira would refuse with 400 and these messages. */
export class BadRequestError extends Error {
  readonly code = 'BAD_REQUEST';
}

/** Reads an integer query parameter, refusing what Jira would refuse. */
export function integerParameter(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^-?\d+$/.test(text))
    throw new BadRequestError(`The '${name}' parameter must be an integer, got '${text}'.`);

  return Number(text);
}

/** Values of a parameter that may be repeated (`keys=A&keys=B`) or comma-separated (`keys=A,B`). */
export function listParameter(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The URL of an offset page, keeping the request's other parameters. */
export function pageUrl(
  baseUrl: string,
  path: string,
  query: URLSearchParams,
  startAt: number,
  maxResults: number,
): string {
  const params = new URLSearchParams(query);
  params.set('startAt', String(startAt));
  params.set('maxResults', String(maxResults));

  return `${baseUrl}${path}?${params.toString()}`;
}

/**
 * One offset page of `matching` as Jira's PageBean: the page size asked for (default `defaultSize`),
 * capped by the server at `cap`; `self`, and `nextPage` unless it is the last page.
 */
export function pageBean<T, V = T>(
  request: { baseUrl: string; path: string; query: URLSearchParams },
  matching: readonly T[],
  size: { defaultSize: number; cap: number },
  present: (item: T) => V = (item) => item as unknown as V,
): SimResponse {
  const { baseUrl, path, query } = request;
  const startAt = Math.max(0, integerParameter(query, 'startAt', 0));
  const maxResults = Math.min(Math.max(1, integerParameter(query, 'maxResults', size.defaultSize)), size.cap);
  const values = matching.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= matching.length;

  return {
    status: 200,
    body: {
      self: pageUrl(baseUrl, path, query, startAt, maxResults),
      ...(isLast ? {} : { nextPage: pageUrl(baseUrl, path, query, startAt + values.length, maxResults) }),
      maxResults,
      startAt,
      total: matching.length,
      isLast,
      values: values.map(present),
    },
  };
}
