/**
 * The REST base URL for a site reached with an API token. In production that is always
 * `https://{site}`; the override map (configuration `JIRA_SITE_BASE_URLS`, off by default) lets tests and
 * the demo route a site to a local Jira simulator without the rest of the code knowing.
 *
 * `site` must already be a normalised host (`acme.atlassian.net`): raw user input never gets here.
 */
export function resolveSiteBaseUrl(site: string, overrides?: Readonly<Record<string, string>>): string {
  const override = overrides?.[site.toLowerCase()] ?? overrides?.[site];
  if (override !== undefined) return checkedOverride(site, override);

  if (!/^[a-z0-9.-]+$/i.test(site)) throw new RangeError(`Not a site host name: ${JSON.stringify(site)}`);

  return `https://${site.toLowerCase()}`;
}

function checkedOverride(site: string, override: string): string {
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new RangeError(`The base URL configured for ${site} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`The base URL configured for ${site} must be http(s)`);
  }

  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
