import type { JiraAuthStrategy } from './auth.js';
import { JiraError, readJiraMessages, type JiraErrorCode } from './errors.js';

/**
 * Turns a failed exchange with Jira into a JiraError whose message tells a person what happened and
 * what to do. Only the method, the path (never the query or host credentials) and Jira's own error
 * messages go into the text.
 */

export interface FailedResponse {
  status: number;
  method: string;
  path: string;
  /** The parsed error body, if it was JSON. */
  body: unknown;
  authKind: JiraAuthStrategy['kind'];
  /** The request ran a JQL query, so a 400 is about the query. */
  jql: boolean;
  attempts: number;
  retryAfterMs: number | null;
}

/** Statuses that another attempt may cure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function errorForResponse(failure: FailedResponse): JiraError {
  const { status, method, path, attempts } = failure;
  const jiraMessages = readJiraMessages(failure.body);
  const endpoint = `${method} ${path}`;

  const make = (code: JiraErrorCode, message: string, retryable = false): JiraError =>
    new JiraError({
      code,
      message: withJiraMessages(message, jiraMessages),
      status,
      method,
      path,
      jiraMessages,
      retryable,
      retryAfterMs: failure.retryAfterMs,
    });

  if (status === 401) {
    return make(
      'JIRA_UNAUTHORIZED',
      failure.authKind === 'basic'
        ? 'Jira rejected the e-mail and API token (401). Check that the token belongs to this e-mail and has not expired.'
        : 'Jira rejected the access token (401). It may have expired or been revoked, or lack the scope this call needs.',
    );
  }
  if (status === 403) {
    return make(
      'JIRA_FORBIDDEN',
      `Jira refused ${endpoint} (403): the account lacks a permission this needs.`,
    );
  }
  if (status === 404) {
    return make(
      'JIRA_NOT_FOUND',
      `Jira found nothing at ${endpoint} (404): it does not exist or the account cannot see it.`,
    );
  }
  if (status === 410) {
    return make(
      'JIRA_ENDPOINT_REMOVED',
      `Jira has removed ${endpoint} (410): Atlassian no longer offers this API. Upgrade this service.`,
    );
  }
  if (status === 429) {
    const wait =
      failure.retryAfterMs === null ? '' : ` Jira asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.`;
    return make(
      'JIRA_RATE_LIMITED',
      `Jira kept rate-limiting ${endpoint} (429) after ${attempts} attempt(s).${wait}`,
      true,
    );
  }
  if (status === 400 && failure.jql) {
    return make(
      'JIRA_INVALID_JQL',
      'Jira could not run the JQL query (400). Check the query and the names in it.',
    );
  }
  if (status >= 400 && status < 500) {
    return make('JIRA_BAD_REQUEST', `Jira rejected ${endpoint} (${status}).`);
  }
  if (status >= 500) {
    return make(
      'JIRA_SERVER_ERROR',
      `Jira failed to answer ${endpoint} (${status}) after ${attempts} attempt(s).`,
      true,
    );
  }

  return make('JIRA_BAD_RESPONSE', `Jira answered ${endpoint} with an unexpected status ${status}.`);
}

export interface FailedConnection {
  method: string;
  path: string;
  host: string;
  /** The network error code (ECONNRESET, UND_ERR_CONNECT_TIMEOUT, REQUEST_TIMEOUT…). */
  networkCode: string;
  retryable: boolean;
  attempts: number;
  cause: unknown;
}

export function errorForConnection(failure: FailedConnection): JiraError {
  return new JiraError({
    code: 'JIRA_UNREACHABLE',
    message: `Could not reach Jira at ${failure.host} for ${failure.method} ${failure.path} after ${failure.attempts} attempt(s) (${failure.networkCode}).`,
    status: null,
    method: failure.method,
    path: failure.path,
    retryable: failure.retryable,
    cause: failure.cause,
  });
}

export function badResponse(method: string, path: string, status: number | null, problem: string): JiraError {
  return new JiraError({
    code: 'JIRA_BAD_RESPONSE',
    message: `Jira's answer to ${method} ${path} could not be read: ${problem}`,
    status,
    method,
    path,
    retryable: false,
  });
}

const MAX_QUOTED = 300;

function withJiraMessages(message: string, jiraMessages: readonly string[]): string {
  if (jiraMessages.length === 0) return message;
  const said = jiraMessages.join(' ');

  return `${message} Jira said: "${said.length > MAX_QUOTED ? `${said.slice(0, MAX_QUOTED)}…` : said}"`;
}
