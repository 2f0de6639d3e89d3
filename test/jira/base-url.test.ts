import { describe, expect, it } from 'vitest';
import { resolveSiteBaseUrl } from '../../src/jira/base-url.js';

describe('resolveSiteBaseUrl', () => {
  it('reaches a site over https by default', () => {
    expect(resolveSiteBaseUrl('acme.atlassian.net')).toBe('https://acme.atlassian.net');
    expect(resolveSiteBaseUrl('acme.atlassian.net', {})).toBe('https://acme.atlassian.net');
  });

  it('routes a site named in the override map elsewhere, without a trailing slash', () => {
    const overrides = { 'acme.atlassian.net': 'http://127.0.0.1:43123/' };

    expect(resolveSiteBaseUrl('acme.atlassian.net', overrides)).toBe('http://127.0.0.1:43123');
    expect(resolveSiteBaseUrl('other.atlassian.net', overrides)).toBe('https://other.atlassian.net');
  });

  it('drops credentials and queries from an override', () => {
    expect(
      resolveSiteBaseUrl('acme.atlassian.net', { 'acme.atlassian.net': 'http://u:p@127.0.0.1:1/sim/?x=1' }),
    ).toBe('http://127.0.0.1:1/sim');
  });

  it('refuses an override that is not an http(s) URL', () => {
    expect(() => resolveSiteBaseUrl('acme.atlassian.net', { 'acme.atlassian.net': 'not a url' })).toThrow(
      RangeError,
    );
    expect(() =>
      resolveSiteBaseUrl('acme.atlassian.net', { 'acme.atlassian.net': 'file:///etc/passwd' }),
    ).toThrow(RangeError);
  });

  it('refuses a site that is not a host name', () => {
    expect(() => resolveSiteBaseUrl('acme.atlassian.net/path')).toThrow(RangeError);
    expect(() => resolveSiteBaseUrl('user@acme.atlassian.net')).toThrow(RangeError);
  });
});
