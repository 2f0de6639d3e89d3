import { timingSafeEqual } from 'node:crypto';
import type { SimResponse } from './http-response.js';
import type { ScenarioLogin } from './types.js';

/** The login behind an `Authorization: Basic base64(email:apiToken)` header, if it is one of the scenario's. */
export function authenticate(
  header: string | undefined,
  logins: readonly ScenarioLogin[],
): ScenarioLogin | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const email = decoded.slice(0, separator).toLowerCase();
  const token = decoded.slice(separator + 1);

  return logins.find((login) => login.email.toLowerCase() === email && sameSecret(login.apiToken, token));
}

/** What Jira Cloud answers to missing or wrong credentials: plain text, not an ErrorCollection. */
export function unauthorized(siteUrl: string): SimResponse {
  return {
    status: 401,
    body: 'Client must be authenticated to access this resource.',
    contentType: 'text/plain;charset=UTF-8',
    headers: {
      'WWW-Authenticate': `OAuth realm="${encodeURIComponent(siteUrl)}"`,
      'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
    },
  };
}

function sameSecret(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
