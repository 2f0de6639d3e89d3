/**
 * How the client proves who it is. Each strategy keeps its secret in a closure, not in a property, so
 * no `JSON.stringify`, `util.inspect`, log line or error can reach it; `toString`, `toJSON` and the
 * inspect hook print the kind only.
 */

const inspect = Symbol.for('nodejs.util.inspect.custom');

export interface JiraAuthStrategy {
  /** `basic`: e-mail and API token. `bearer`: an OAuth 2.0 access token (3LO app or service account). */
  readonly kind: 'basic' | 'bearer';
  /** The value of the Authorization header; asked for again before every attempt, so it may refresh. */
  authorizationHeader(): Promise<string>;
}

/**
 * HTTP Basic with an Atlassian account e-mail and API token, the way Jira Cloud accepts API tokens.
 * Used against `https://{site}` (classic token) or the gateway (scoped token).
 */
export function basicAuth(email: string, apiToken: string): JiraAuthStrategy {
  if (email.trim() === '' || apiToken.trim() === '')
    throw new TypeError('basicAuth needs an e-mail and an API token');
  const header = `Basic ${Buffer.from(`${email}:${apiToken}`, 'utf8').toString('base64')}`;

  return describedStrategy('basic', async () => header);
}

/**
 * A bearer token from `getAccessToken`, which is called before every attempt and is expected to return a
 * current access token (refreshing it when needed). Used with `gatewayBaseUrl(cloudId)`: Atlassian only
 * accepts OAuth tokens through api.atlassian.com, never on the site host.
 */
export function bearerAuth(getAccessToken: () => Promise<string>): JiraAuthStrategy {
  return describedStrategy('bearer', async () => {
    const token = await getAccessToken();
    if (token.trim() === '') throw new TypeError('The access token provider returned an empty token');

    return `Bearer ${token}`;
  });
}

/** The default host of Atlassian's API gateway. */
export const ATLASSIAN_API_ORIGIN = 'https://api.atlassian.com';

const CLOUD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The REST base URL for a site reached through Atlassian's API gateway, which OAuth tokens and scoped
 * API tokens need. `apiOrigin` exists so tests can point the gateway at a simulator.
 */
export function gatewayBaseUrl(cloudId: string, apiOrigin: string = ATLASSIAN_API_ORIGIN): string {
  if (!CLOUD_ID.test(cloudId)) throw new RangeError('A cloudId has only letters, digits, "-" and "_"');

  return `${apiOrigin.replace(/\/+$/, '')}/ex/jira/${cloudId}`;
}

function describedStrategy(kind: JiraAuthStrategy['kind'], header: () => Promise<string>): JiraAuthStrategy {
  const description = `JiraAuth(${kind})`;

  return Object.freeze({
    kind,
    authorizationHeader: header,
    toString: () => description,
    toJSON: () => ({ kind }),
    [inspect]: () => description,
  });
}
