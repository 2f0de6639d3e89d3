import { compileJql, type CompiledJql } from '../jql/compile.js';
import { JqlError } from '../jql/jql-error.js';
import {
  BadRequestError,
  errorCollection,
  integerParameter,
  listParameter,
  type SimResponse,
} from '../http-response.js';
import type { IndexedIssue } from '../indexed-issue.js';
import { renderIssue, selectFields } from '../issue-view.js';
import { decodePageToken, encodePageToken, PageTokenError } from '../page-token.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';
import { API_USER_TIME_ZONE } from '../scenario-people.js';

/** The parameters of a search, whether they came as a query string (GET) or a JSON body (POST). */
interface SearchParameters {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields: string[];
}

const UNBOUNDED =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const DEFAULT_MAX_RESULTS = 50;

/** GET /rest/api/3/search/jql. */
export function searchJqlGet(request: SimRequest, state: SimulatorState): SimResponse {
  const { query } = request;
  const maxResults = query.has('maxResults')
    ? integerParameter(query, 'maxResults', DEFAULT_MAX_RESULTS)
    : undefined;

  return search(
    {
      jql: query.get('jql') ?? '',
      nextPageToken: query.get('nextPageToken') ?? undefined,
      maxResults,
      fields: listParameter(query, 'fields'),
    },
    request,
    state,
  );
}

/** POST /rest/api/3/search/jql. */
export function searchJqlPost(request: SimRequest, state: SimulatorState): SimResponse {
  return search(readBody(request.body), request, state);
}

/** POST /rest/api/3/search/approximate-count: `{ "count": n }` for a bounded query. */
export function approximateCount(request: SimRequest, state: SimulatorState): SimResponse {
  const body = request.body;
  const jql =
    typeof body === 'object' && body !== null && 'jql' in body && typeof body.jql === 'string'
      ? body.jql
      : '';
  const matching = run(jql, request, state);
  if (!Array.isArray(matching)) return matching;

  return { status: 200, body: { count: matching.length } };
}

/**
 * One page of a cursor search. The whole result is filtered and sorted for every page (fast enough for
 * thousands of issues) so that the token only needs the offset: see page-token.ts.
 */
function search(parameters: SearchParameters, request: SimRequest, state: SimulatorState): SimResponse {
  const matching = run(parameters.jql, request, state);
  if (!Array.isArray(matching)) return matching;

  let offset = 0;
  if (parameters.nextPageToken !== undefined) {
    try {
      offset = decodePageToken(parameters.nextPageToken, parameters.jql);
    } catch (error) {
      if (error instanceof PageTokenError)
        return errorCollection(400, [`Invalid nextPageToken: ${error.message}`]);
      throw error;
    }
  }
  const pageSize = Math.min(Math.max(1, parameters.maxResults ?? DEFAULT_MAX_RESULTS), state.caps.searchJql);
  const page = matching.slice(offset, offset + pageSize);
  const isLast = offset + page.length >= matching.length;
  const selection = selectFields(parameters.fields);

  return {
    status: 200,
    body: {
      issues: page.map((entry) => renderIssue(entry.issue, selection)),
      ...(isLast ? {} : { nextPageToken: encodePageToken(offset + page.length, parameters.jql) }),
      isLast,
    },
  };
}

/** Every issue the query finds, in its order; or the 400 Jira would answer. */
function run(jql: string, request: SimRequest, state: SimulatorState): IndexedIssue[] | SimResponse {
  let compiled: CompiledJql;
  try {
    compiled = compileJql(
      jql,
      { ...state.scenario, issueIdForKey: (key) => state.store.issueIdForKey(key) },
      {
        now: state.clock().getTime(),
        currentAccountId: request.login.accountId,
        timeZone: timeZoneOf(request, state),
      },
    );
  } catch (error) {
    if (error instanceof JqlError) return errorCollection(400, [error.message]);
    throw error;
  }
  if (!compiled.bounded) return errorCollection(400, [UNBOUNDED]);

  return state.store.all().filter(compiled.matches).sort(compiled.compare);
}

function timeZoneOf(request: SimRequest, state: SimulatorState): string {
  return (
    state.scenario.users.find((user) => user.accountId === request.login.accountId)?.timeZone ??
    API_USER_TIME_ZONE
  );
}

const BODY_PROPERTIES = new Set([
  'expand',
  'fields',
  'fieldsByKeys',
  'jql',
  'maxResults',
  'nextPageToken',
  'properties',
  'reconcileIssues',
]);

function readBody(body: unknown): SearchParameters {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!BODY_PROPERTIES.has(name))
      throw new BadRequestError(`Unrecognized field "${name}" in the request body.`);
  }
  const { jql, nextPageToken, maxResults, fields } = record;
  if (jql !== undefined && typeof jql !== 'string') throw new BadRequestError('"jql" must be a string.');
  if (nextPageToken !== undefined && nextPageToken !== null && typeof nextPageToken !== 'string') {
    throw new BadRequestError('"nextPageToken" must be a string.');
  }
  if (maxResults !== undefined && !Number.isInteger(maxResults))
    throw new BadRequestError('"maxResults" must be an integer.');
  if (fields !== undefined && (!Array.isArray(fields) || fields.some((field) => typeof field !== 'string'))) {
    throw new BadRequestError('"fields" must be an array of strings.');
  }

  return {
    jql: jql ?? '',
    nextPageToken: nextPageToken ?? undefined,
    maxResults: maxResults as number | undefined,
    fields: (fields as string[] | undefined) ?? [],
  };
}
