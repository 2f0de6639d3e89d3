/**
 * Turns what a person typed as their Jira site into the one host name we store and call.
 *
 * It is forgiving where the intent is clear (spaces, upper case, an `https://` scheme, a path copied from
 * the browser) and strict everywhere else, because the result becomes the host of every Jira request:
 * this is also the guard that keeps user input from pointing our HTTP client at an internal address.
 * Hosts are parsed by hand rather than with `new URL()`, whose leniency (backslashes, percent-decoding,
 * numeric IPv4 shorthands) is exactly what an attacker would lean on.
 */

export interface SiteOptions {
  /** Exact host names an operator accepts besides `*.atlassian.net` and `*.jira.com` (Jira custom domains). */
  allowedCustomDomains?: string[];
  /**
   * Exact host names accepted for tests (sites that `JIRA_SITE_BASE_URLS` routes to a simulator). They
   * pass the same checks as custom domains: no IP addresses, no localhost, no internal names.
   */
  allowedTestSites?: string[];
}

export type SiteResult = { ok: true; site: string } | { ok: false; reason: string };

const JIRA_CLOUD_DOMAINS = ['atlassian.net', 'jira.com'];

/** Names that only resolve inside a network (or are reserved), so they can never be a Jira Cloud site. */
const INTERNAL_SUFFIXES = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'corp',
  'home',
  'lan',
  'private',
  'arpa',
  'test',
  'example',
  'invalid',
];

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A last label like this makes a URL parser read the host as an IPv4 address (`2130706433`, `0x7f.1`). */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|[0-9]+)$/;

/** The sentence the API and the docs use when a site is refused; `reason` says what was wrong. */
export function siteErrorMessage(reason: string): string {
  return `site must be a Jira Cloud site such as yourcompany.atlassian.net: ${reason}`;
}

/** Reads `JIRA_ALLOWED_CUSTOM_DOMAINS` (comma-separated host names) into normalised host names. */
export function parseAllowedCustomDomains(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/**
 * Normalises a site typed by a person to a bare host such as `acme.atlassian.net`, or says why it is
 * refused. `https://ACME.atlassian.net/jira/software/projects/X` becomes `acme.atlassian.net`.
 */
export function normalizeSite(input: string, options: SiteOptions = {}): SiteResult {
  // Lower-casing waits until the host is known to be ASCII: 'K' (Kelvin sign) lower-cases to 'k'.
  const text = input.trim();
  if (text === '') return refuse('it is empty');
  if (hasSpaceOrControl(text)) return refuse('it contains spaces, backslashes or control characters');

  const afterScheme = stripScheme(text);
  if (!afterScheme.ok) return afterScheme;

  const authority = afterScheme.rest.split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return refuse('it must not contain a user name or password (user@host)');

  const hostResult = stripPort(authority);
  if (!hostResult.ok) return hostResult;

  return checkHost(hostResult.host, options);
}

function hasSpaceOrControl(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code <= 0x20 || code === 0x7f || char === '\\' || /\s/u.test(char);
  });
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function stripScheme(text: string): { ok: true; rest: string } | { ok: false; reason: string } {
  const schemeEnd = text.indexOf('://');
  if (schemeEnd === -1) {
    if (text.startsWith('//')) return refuse('give the host name without leading slashes');
    return { ok: true, rest: text };
  }

  const scheme = text.slice(0, schemeEnd).toLowerCase();
  if (scheme === 'https') return { ok: true, rest: text.slice(schemeEnd + 3) };
  if (scheme === 'http') return refuse('https is required, http:// is not accepted');

  return refuse(`only https:// addresses are accepted, not ${scheme.slice(0, 20)}://`);
}

function stripPort(authority: string): { ok: true; host: string } | { ok: false; reason: string } {
  if (authority.startsWith('[')) return refuse('IP addresses are not accepted');

  const colons = authority.split(':').length - 1;
  if (colons > 1) return refuse('IP addresses are not accepted');
  if (colons === 0) return { ok: true, host: authority };

  const [host = '', port = ''] = authority.split(':');
  if (port !== '443') return refuse('only the default https port (443) is accepted');

  return { ok: true, host };
}

function checkHost(rawHost: string, options: SiteOptions): SiteResult {
  if (rawHost === '') return refuse('the host name is missing');
  if (/[^\x21-\x7e]/.test(rawHost))
    return refuse('the host name must be plain ASCII (no Unicode look-alikes)');

  const host = rawHost.toLowerCase();
  if (host.length > 253) return refuse('the host name is too long');

  const labels = host.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (NUMERIC_LABEL.test(last)) return refuse('IP addresses are not accepted');
  if (labels.some((label) => label.startsWith('xn--'))) {
    return refuse('internationalised (punycode) host names are not accepted');
  }
  if (!labels.every((label) => DNS_LABEL.test(label))) return refuse(`"${host}" is not a valid host name`);
  if (host === 'localhost' || INTERNAL_SUFFIXES.includes(last)) {
    return refuse('localhost and internal or reserved names are not accepted');
  }
  if (labels.length === 1) return refuse('internal host names without a domain are not accepted');

  return checkJiraHost(host, labels, options);
}

function checkJiraHost(host: string, labels: string[], options: SiteOptions): SiteResult {
  const parent = labels.slice(-2).join('.');
  if (JIRA_CLOUD_DOMAINS.includes(parent)) {
    if (labels.length === 2) return refuse(`your site's name is missing before ${parent}`);
    if (labels.length > 3) return refuse(`a Jira Cloud site is exactly one name followed by .${parent}`);

    return { ok: true, site: host };
  }

  const extra = [...(options.allowedCustomDomains ?? []), ...(options.allowedTestSites ?? [])];
  if (extra.some((allowed) => allowed.trim().toLowerCase() === host)) return { ok: true, site: host };

  return refuse(`"${host}" is not a Jira Cloud host (*.atlassian.net or *.jira.com)`);
}
