import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { JiraAuthStrategy } from './auth.js';
import { JiraError } from './errors.js';
import { toJiraIssueRecord, type JiraIssueRecord } from './issue-record.js';
import type { Jql } from './jql.js';
import { paginateArray, paginateCursor, paginateOffset } from './pagination.js';
import { parseAnswer, parseErrorBody } from './parse-answer.js';
import { errorForConnection, errorForResponse, isRetryableStatus } from './response-errors.js';
import {
  RETRYABLE_NETWORK_CODES,
  parseRetryAfter,
  realSleep,
  resolveRetryPolicy,
  retryDelayMs,
  type JiraRetryOptions,
  type RetryPolicy,
  type Sleep,
} from './retry-policy.js';
import {
  JIRA_ISSUE_FIELDS,
  jiraUserListSchema,
  jiraUserSchema,
  myPermissionsSchema,
  projectPageSchema,
  searchPageSchema,
  serverInfoSchema,
  statusListSchema,
  type JiraPermissionGrants,
  type JiraProject,
  type JiraServerInfo,
  type JiraStatus,
  type JiraUser,
} from './schemas.js';
import { sendOnce, type Exchange } from './send-once.js';

/** The subset of a pino logger the client uses. */
export interface JiraLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** One HTTP exchange (one attempt), reported to `onRequest` for metrics and tests. */
export interface JiraRequestEvent {
  method: string;
  /** The API path, without the query string. */
  path: string;
  /** The HTTP status; null when no response came (network error or timeout). */
  status: number | null;
  /** 1 for the first attempt of a call, 2 for its first retry, … */
  attempt: number;
  durationMs: number;
  /** The network error code when `status` is null. */
  networkCode?: string;
}

export interface JiraClientOptions {
  /**
   * The site (`https://acme.atlassian.net`, see resolveSiteBaseUrl) or the API gateway
   * (`https://api.atlassian.com/ex/jira/{cloudId}`, see gatewayBaseUrl). API paths are appended to it.
   */
  baseUrl: string;
  auth: JiraAuthStrategy;
  retry?: JiraRetryOptions;
  /** Limit for one attempt, from sending the request to the last byte of the answer. @default 30000 */
  requestTimeoutMs?: number;
  /** Aborts requests and waits in progress (a Temporal activity's cancellation signal, say). */
  signal?: AbortSignal;
  /** The undici dispatcher to send through. @default undici's global dispatcher */
  dispatcher?: Dispatcher;
  onRequest?: (event: JiraRequestEvent) => void;
  logger?: JiraLogger;
  /** How to wait between attempts; tests pass one that records the waits. @default a real timer */
  sleep?: Sleep;
  /** The source of jitter, returning [0, 1). @default Math.random */
  random?: () => number;
}

export interface JiraRequest<Schema extends z.ZodType> {
  method: 'GET' | 'POST';
  /** An API path such as `/rest/api/3/myself`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** What a successful answer must look like. */
  schema: Schema;
  /** The request runs JQL, so Jira's 400 is about the query (JIRA_INVALID_JQL). */
  jql?: boolean;
  /**
   * Whether sending the call twice does no harm. A call that is not idempotent (creating an issue) is
   * retried only when Jira cannot have acted on it: after a 429 or a connection that was never made.
   * @default true for GET, false for POST
   */
  idempotent?: boolean;
}

export interface SearchIssuesParams {
  jql: string | Jql;
  /** Extra fields to ask for; the fields of a JiraIssueRecord are always asked for. */
  fields?: readonly string[];
  /** Issues per page; Jira may send fewer. @default 100 */
  maxResults?: number;
  /** The cursor from the previous page; absent for the first page. */
  nextPageToken?: string;
}

export interface JiraIssuePage {
  issues: JiraIssueRecord[];
  /** The cursor for the next page; null on the last page. */
  nextPageToken: string | null;
  isLast: boolean;
}

const SEARCH_PATH = '/rest/api/3/search/jql';
const PROJECT_PAGE_SIZE = 100;
const USER_PAGE_SIZE = 100;

/**
 * A Jira Cloud REST v3 client: one instance per connection and activity. Every call validates the answer
 * against a schema, retries what is worth retrying (429 and 5xx, honouring Retry-After; network errors)
 * within bounded attempts and time, and fails with a JiraError carrying a stable code.
 */
export class JiraClient {
  private readonly baseUrl: string;
  private readonly host: string;
  private readonly auth: JiraAuthStrategy;
  private readonly policy: RetryPolicy;
  private readonly requestTimeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly onRequest: ((event: JiraRequestEvent) => void) | undefined;
  private readonly logger: JiraLogger | undefined;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(options: JiraClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RangeError('The Jira base URL must be http(s)');
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new RangeError('The Jira base URL must not carry credentials, a query or a fragment');
    }

    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.host = url.host;
    this.auth = options.auth;
    this.policy = resolveRetryPolicy(options.retry);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.signal = options.signal;
    this.dispatcher = options.dispatcher;
    this.onRequest = options.onRequest;
    this.logger = options.logger;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** The account the credentials belong to (`/myself`). */
  async getMyself(): Promise<JiraUser> {
    return this.requestJson({ method: 'GET', path: '/rest/api/3/myself', schema: jiraUserSchema });
  }

  /** Whether the account holds each permission (`/mypermissions`), e.g. `['ADMINISTER']`. */
  async getMyPermissions(keys: readonly string[]): Promise<JiraPermissionGrants> {
    if (keys.length === 0) throw new RangeError('getMyPermissions needs at least one permission key');

    const answer = await this.requestJson({
      method: 'GET',
      path: '/rest/api/3/mypermissions',
      query: { permissions: keys.join(',') },
      schema: myPermissionsSchema,
    });
    return answer.permissions;
  }

  async getServerInfo(): Promise<JiraServerInfo> {
    return this.requestJson({ method: 'GET', path: '/rest/api/3/serverInfo', schema: serverInfoSchema });
  }

  /** Every project the account can see (`/project/search`), one array per page Jira serves. */
  async *listProjects(): AsyncGenerator<JiraProject[]> {
    const resource = { method: 'GET', path: '/rest/api/3/project/search' } as const;

    yield* paginateOffset(
      (startAt, maxResults) =>
        this.requestJson({ ...resource, query: { startAt, maxResults }, schema: projectPageSchema }),
      { resource, pageSize: PROJECT_PAGE_SIZE, identify: (project) => project.id, logger: this.logger },
    );
  }

  /** Every status in an active workflow, with its category (`/status`, not paged). */
  async listStatuses(): Promise<JiraStatus[]> {
    return this.requestJson({ method: 'GET', path: '/rest/api/3/status', schema: statusListSchema });
  }

  /**
   * Every user of every account type, active or not (`/users/search`), one array per page. Needs the
   * "Browse users and groups" permission (JIRA_FORBIDDEN otherwise).
   */
  async *listUsers(): AsyncGenerator<JiraUser[]> {
    const resource = { method: 'GET', path: '/rest/api/3/users/search' } as const;

    yield* paginateArray(
      (startAt, maxResults) =>
        this.requestJson({ ...resource, query: { startAt, maxResults }, schema: jiraUserListSchema }),
      { resource, pageSize: USER_PAGE_SIZE, identify: (user) => user.accountId, logger: this.logger },
    );
  }

  /**
   * One page of a JQL search through `POST /rest/api/3/search/jql`. The legacy `/rest/api/3/search`
   * is gone (410) and is never called; this endpoint has no total and no offset, only a cursor.
   */
  async searchIssuesPage(params: SearchIssuesParams): Promise<JiraIssuePage> {
    const fields = [...new Set([...JIRA_ISSUE_FIELDS, ...(params.fields ?? [])])];
    const page = await this.requestJson({
      method: 'POST',
      path: SEARCH_PATH,
      body: {
        jql: String(params.jql),
        fields,
        maxResults: params.maxResults ?? 100,
        nextPageToken: params.nextPageToken,
      },
      schema: searchPageSchema,
      jql: true,
      idempotent: true,
    });

    return {
      issues: page.issues.map(toJiraIssueRecord),
      nextPageToken: page.nextPageToken,
      isLast: page.isLast === true || page.nextPageToken === null,
    };
  }

  /** Every page of a JQL search, following the cursor to the end (from `nextPageToken`, if given). */
  async *searchIssues(params: SearchIssuesParams): AsyncGenerator<JiraIssuePage> {
    yield* paginateCursor(
      (token) => this.searchIssuesPage({ ...params, nextPageToken: token ?? undefined }),
      {
        resource: { method: 'POST', path: SEARCH_PATH },
        itemCount: (page) => page.issues.length,
        startToken: params.nextPageToken ?? null,
      },
    );
  }

  /**
   * Sends one call, with retries, and returns the answer parsed by `schema`. For endpoints without a
   * method of their own; paths are relative to the base URL.
   */
  async requestJson<Schema extends z.ZodType>(call: JiraRequest<Schema>): Promise<z.output<Schema>> {
    if (!call.path.startsWith('/') || call.path.includes('?')) {
      throw new RangeError(`An API path starts with "/" and has no query (use \`query\`): ${call.path}`);
    }
    let budgetUsedMs = 0;

    for (let attempt = 1; ; attempt += 1) {
      const exchange = await sendOnce({
        method: call.method,
        url: this.url(call),
        authorization: await this.auth.authorizationHeader(),
        body: call.body,
        timeoutMs: this.requestTimeoutMs,
        signal: this.signal,
        dispatcher: this.dispatcher,
      });
      budgetUsedMs += exchange.durationMs;
      this.report(call, attempt, exchange);

      if (exchange.kind === 'response' && exchange.status >= 200 && exchange.status < 300) {
        const answer = { method: call.method, path: call.path, status: exchange.status, text: exchange.text };
        return parseAnswer(call.schema, answer);
      }

      const retryAfterMs =
        exchange.kind === 'response' ? parseRetryAfter(exchange.headers['retry-after']) : null;
      const waitMs = retryDelayMs(this.policy, attempt, retryAfterMs, this.random);
      const giveUp =
        !isWorthRetrying(call, exchange) ||
        attempt >= this.policy.maxAttempts ||
        budgetUsedMs + waitMs > this.policy.maxTotalMs;
      if (giveUp) throw this.failure(call, exchange, attempt, retryAfterMs);

      this.logger?.warn(
        {
          method: call.method,
          path: call.path,
          status: exchange.kind === 'response' ? exchange.status : null,
          networkCode: exchange.kind === 'network' ? exchange.networkCode : undefined,
          rateLimitReason: exchange.kind === 'response' ? exchange.headers['ratelimit-reason'] : undefined,
          attempt,
          waitMs,
        },
        exchange.kind === 'response' && exchange.status === 429
          ? 'Jira rate limited the request; waiting before retrying'
          : 'Jira request failed; waiting before retrying',
      );
      await this.wait(waitMs);
      budgetUsedMs += waitMs;
    }
  }

  private report(call: JiraRequest<z.ZodType>, attempt: number, exchange: Exchange): void {
    this.onRequest?.({
      method: call.method,
      path: call.path,
      status: exchange.kind === 'response' ? exchange.status : null,
      attempt,
      durationMs: exchange.durationMs,
      ...(exchange.kind === 'network' ? { networkCode: exchange.networkCode } : {}),
    });
  }

  private url(call: JiraRequest<z.ZodType>): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const search = query.toString();

    return `${this.baseUrl}${call.path}${search ? `?${search}` : ''}`;
  }

  private failure(
    call: JiraRequest<z.ZodType>,
    exchange: Exchange,
    attempts: number,
    retryAfterMs: number | null,
  ): JiraError {
    if (exchange.kind === 'network') {
      return errorForConnection({
        method: call.method,
        path: call.path,
        host: this.host,
        networkCode: exchange.networkCode,
        retryable: isWorthRetrying(call, exchange),
        attempts,
        cause: exchange.error,
      });
    }

    return errorForResponse({
      status: exchange.status,
      method: call.method,
      path: call.path,
      body: parseErrorBody(exchange.text),
      authKind: this.auth.kind,
      jql: call.jql === true,
      attempts,
      retryAfterMs,
    });
  }

  private async wait(ms: number): Promise<void> {
    try {
      await this.sleep(ms, this.signal);
    } catch (error) {
      if (this.signal?.aborted) throw this.signal.reason;
      throw error;
    }
  }
}

/**
 * Whether another attempt may succeed and can do no harm: 429 always (Jira refused before acting);
 * 5xx and network trouble only for idempotent calls, except a connection that was never made.
 */
function isWorthRetrying(call: JiraRequest<z.ZodType>, exchange: Exchange): boolean {
  const idempotent = call.idempotent ?? call.method === 'GET';
  if (exchange.kind === 'network') {
    return idempotent
      ? RETRYABLE_NETWORK_CODES.has(exchange.networkCode)
      : NOT_SENT_NETWORK_CODES.has(exchange.networkCode);
  }

  return exchange.status === 429 || (idempotent && isRetryableStatus(exchange.status));
}

/** Network failures that prove the request never reached Jira, so even a write may be sent again. */
const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);
