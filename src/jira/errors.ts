/**
 * The one error type the Jira client throws. Callers branch on `code` (stable, never reworded) and show
 * `message` to a person; neither ever holds a credential, because the client never puts request headers
 * or the URL's userinfo into an error.
 */

export type JiraErrorCode =
  | 'JIRA_UNAUTHORIZED'
  | 'JIRA_FORBIDDEN'
  | 'JIRA_NOT_FOUND'
  | 'JIRA_ENDPOINT_REMOVED'
  | 'JIRA_RATE_LIMITED'
  | 'JIRA_INVALID_JQL'
  | 'JIRA_BAD_REQUEST'
  | 'JIRA_SERVER_ERROR'
  | 'JIRA_UNREACHABLE'
  | 'JIRA_BAD_RESPONSE';

export interface JiraErrorDetails {
  code: JiraErrorCode;
  message: string;
  /** The HTTP status Jira answered with; null when no answer came (network error, timeout). */
  status: number | null;
  method: string;
  /** The API path, relative to the base URL and without the query string. */
  path: string;
  /** What Jira itself said, from an ErrorCollection or the API gateway's `{code,message}` body. */
  jiraMessages?: readonly string[];
  /** True when trying again later may succeed (rate limits, server errors, network trouble). */
  retryable: boolean;
  /** How long Jira asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class JiraError extends Error {
  override readonly name = 'JiraError';
  readonly code: JiraErrorCode;
  readonly status: number | null;
  readonly method: string;
  readonly path: string;
  readonly jiraMessages: readonly string[];
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;

  constructor(details: JiraErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.jiraMessages = details.jiraMessages ?? [];
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }

  /** A plain object for logs and workflow payloads; the cause is left out (it may be a large object). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      jiraMessages: this.jiraMessages,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

const MAX_MESSAGES = 10;
const MAX_MESSAGE_LENGTH = 500;

/**
 * Reads what Jira said from an error body. Jira answers with an ErrorCollection
 * (`{"errorMessages":[…],"errors":{"field":"…"}}`); the api.atlassian.com gateway with `{"code","message"}`;
 * the OAuth endpoints with `{"error","error_description"}`. Anything else yields nothing.
 */
export function readJiraMessages(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const record = body as Record<string, unknown>;
  const messages: string[] = [];

  if (Array.isArray(record.errorMessages)) {
    for (const text of record.errorMessages) if (typeof text === 'string') messages.push(text);
  }
  if (typeof record.errors === 'object' && record.errors !== null && !Array.isArray(record.errors)) {
    for (const [field, text] of Object.entries(record.errors)) {
      if (typeof text === 'string') messages.push(`${field}: ${text}`);
    }
  }
  if (typeof record.message === 'string') messages.push(record.message);
  if (typeof record.error_description === 'string') messages.push(record.error_description);
  else if (typeof record.error === 'string') messages.push(record.error);

  return messages
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .slice(0, MAX_MESSAGES)
    .map((text) => (text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text));
}
