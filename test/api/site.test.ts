import { describe, expect, it } from 'vitest';
import { resolveSiteBaseUrl } from '../../src/jira/base-url.js';
import { normalizeSite, parseAllowedCustomDomains, siteErrorMessage } from '../../src/jira/site.js';

function refusalOf(input: string, options = {}): string {
  const result = normalizeSite(input, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.site}`);
  return result.reason;
}

describe('normalizeSite', () => {
  describe('case B12: site values typed by people', () => {
    it.each([
      'acme.atlassian.net',
      'https://acme.atlassian.net/',
      'https://ACME.atlassian.net/jira/software/projects/OPS/boards/1',
      ' https://acme.atlassian.net ',
    ])('normalises %j to acme.atlassian.net, called at https://acme.atlassian.net', (input) => {
      const result = normalizeSite(input);

      expect(result).toEqual({ ok: true, site: 'acme.atlassian.net' });
      expect(resolveSiteBaseUrl(result.ok ? result.site : '')).toBe('https://acme.atlassian.net');
    });

    it('accepts *.jira.com, a valid Jira Cloud domain', () => {
      expect(normalizeSite('https://acme.jira.com')).toEqual({ ok: true, site: 'acme.jira.com' });
    });

    it('refuses http:// and says https is required', () => {
      expect(refusalOf('http://acme.atlassian.net')).toBe('https is required, http:// is not accepted');
    });

    it('refuses the look-alike acme.atlassian.net.evil.example', () => {
      expect(refusalOf('https://acme.atlassian.net.evil.example')).toMatch(/internal or reserved/);
    });
  });

  describe('what it strips', () => {
    it.each([
      ['ACME.ATLASSIAN.NET', 'acme.atlassian.net'],
      ['https://acme.atlassian.net?x=1#top', 'acme.atlassian.net'],
      ['https://acme.atlassian.net#frag', 'acme.atlassian.net'],
      ['acme.atlassian.net/jira', 'acme.atlassian.net'],
      ['HTTPS://acme.atlassian.net:443/', 'acme.atlassian.net'],
      ['acme.atlassian.net:443', 'acme.atlassian.net'],
      ['\tacme-corp.atlassian.net\n', 'acme-corp.atlassian.net'],
      ['a1.atlassian.net', 'a1.atlassian.net'],
    ])('%j becomes %j', (input, site) => {
      expect(normalizeSite(input)).toEqual({ ok: true, site });
    });
  });

  describe('what it refuses, and why', () => {
    it.each([
      ['', 'it is empty'],
      ['   ', 'it is empty'],
      ['ftp://acme.atlassian.net', 'only https:// addresses are accepted, not ftp://'],
      ['javascript://acme.atlassian.net', 'only https:// addresses are accepted, not javascript://'],
      ['//acme.atlassian.net', 'give the host name without leading slashes'],
      ['https://user@acme.atlassian.net', 'it must not contain a user name or password (user@host)'],
      ['https://user:pw@acme.atlassian.net', 'it must not contain a user name or password (user@host)'],
      ['acme.atlassian.net@evil.com', 'it must not contain a user name or password (user@host)'],
      ['https://acme.atlassian.net:8443', 'only the default https port (443) is accepted'],
      ['https://acme.atlassian.net:', 'only the default https port (443) is accepted'],
      ['https://acme atlassian.net', 'it contains spaces, backslashes or control characters'],
      ['https://evil.com\\@acme.atlassian.net', 'it contains spaces, backslashes or control characters'],
      ['https://acme.atlassian.net\u0000.evil.com', 'it contains spaces, backslashes or control characters'],
      ['https://', 'the host name is missing'],
      ['https:///acme.atlassian.net', 'the host name is missing'],
    ])('%j: %s', (input, reason) => {
      expect(refusalOf(input)).toBe(reason);
    });

    it.each([
      '10.0.0.1',
      '127.0.0.1',
      'https://169.254.169.254/latest/meta-data',
      '2130706433',
      '0x7f.1',
      '0x7f000001',
      '017700000001',
      '127.1',
      '[::1]',
      'https://[::ffff:127.0.0.1]',
      '::1',
      'fe80::1',
    ])('refuses the IP address %j', (input) => {
      expect(refusalOf(input)).toBe('IP addresses are not accepted');
    });

    it.each([
      'localhost',
      'https://LOCALHOST/',
      'jira.localhost',
      'jira.local',
      'jira.internal',
      'metadata.google.internal',
      'jira.corp',
      'jira.home.arpa',
      'acme.atlassian.net.evil.example',
      'acme.atlassian.net.test',
    ])('refuses the internal or reserved name %j', (input) => {
      expect(refusalOf(input)).toBe('localhost and internal or reserved names are not accepted');
    });

    it('refuses a name without a domain', () => {
      expect(refusalOf('jira')).toBe('internal host names without a domain are not accepted');
    });

    it.each([
      ['acme-atlassian.net', '"acme-atlassian.net" is not a Jira Cloud host (*.atlassian.net or *.jira.com)'],
      [
        'atlassian.net.evil.com',
        '"atlassian.net.evil.com" is not a Jira Cloud host (*.atlassian.net or *.jira.com)',
      ],
      ['evil.com/acme.atlassian.net', '"evil.com" is not a Jira Cloud host (*.atlassian.net or *.jira.com)'],
      ['acmeatlassian.net', '"acmeatlassian.net" is not a Jira Cloud host (*.atlassian.net or *.jira.com)'],
      ['github.com', '"github.com" is not a Jira Cloud host (*.atlassian.net or *.jira.com)'],
    ])('refuses the look-alike or foreign host %j', (input, reason) => {
      expect(refusalOf(input)).toBe(reason);
    });

    it.each([
      ['atlassian.net', "your site's name is missing before atlassian.net"],
      ['https://jira.com', "your site's name is missing before jira.com"],
      ['a.b.atlassian.net', 'a Jira Cloud site is exactly one name followed by .atlassian.net'],
      [
        'acme.atlassian.net.atlassian.net',
        'a Jira Cloud site is exactly one name followed by .atlassian.net',
      ],
    ])('refuses %j, which is not exactly one site name on a Jira domain', (input, reason) => {
      expect(refusalOf(input)).toBe(reason);
    });

    it.each([
      ['-acme.atlassian.net', '"-acme.atlassian.net" is not a valid host name'],
      ['acme-.atlassian.net', '"acme-.atlassian.net" is not a valid host name'],
      ['ac_me.atlassian.net', '"ac_me.atlassian.net" is not a valid host name'],
      ['acme..atlassian.net', '"acme..atlassian.net" is not a valid host name'],
      ['acme.atlassian.net.', '"acme.atlassian.net." is not a valid host name'],
      ['.atlassian.net', '".atlassian.net" is not a valid host name'],
      ['ac%6De.atlassian.net', '"ac%6de.atlassian.net" is not a valid host name'],
      [`${'a'.repeat(64)}.atlassian.net`, `"${'a'.repeat(64)}.atlassian.net" is not a valid host name`],
    ])('refuses %j, whose labels are not valid DNS labels', (input, reason) => {
      expect(refusalOf(input)).toBe(reason);
    });

    it('refuses a host longer than 253 characters', () => {
      expect(refusalOf(`${'a.'.repeat(130)}atlassian.net`)).toBe('the host name is too long');
    });

    it.each([
      'аcme.atlassian.net', // Cyrillic а
      'acme.atlаssian.net', // Cyrillic а in the domain
      'ａｃｍｅ.atlassian.net', // full-width letters
      '\u212Acme.atlassian.net', // Kelvin sign, which lower-cases to an ASCII k
    ])('refuses the Unicode look-alike %j', (input) => {
      expect(refusalOf(input)).toBe('the host name must be plain ASCII (no Unicode look-alikes)');
    });

    it('refuses punycode labels', () => {
      expect(refusalOf('xn--acme-9ua.atlassian.net')).toBe(
        'internationalised (punycode) host names are not accepted',
      );
    });
  });

  describe('custom domains', () => {
    const options = { allowedCustomDomains: parseAllowedCustomDomains(' Jira.Acme.com , ,tickets.acme.io') };

    it('reads the comma-separated setting into lower-case host names', () => {
      expect(options.allowedCustomDomains).toEqual(['jira.acme.com', 'tickets.acme.io']);
    });

    it('accepts exactly the configured hosts', () => {
      expect(normalizeSite('https://JIRA.acme.com/browse/OPS-1', options)).toEqual({
        ok: true,
        site: 'jira.acme.com',
      });
      expect(normalizeSite('tickets.acme.io', options)).toEqual({ ok: true, site: 'tickets.acme.io' });
    });

    it('does not accept subdomains or parents of a configured host', () => {
      expect(refusalOf('evil.jira.acme.com', options)).toMatch(/is not a Jira Cloud host/);
      expect(refusalOf('acme.com', options)).toMatch(/is not a Jira Cloud host/);
    });

    it('never lets configuration allow localhost or an IP address', () => {
      const permissive = {
        allowedCustomDomains: ['localhost', '127.0.0.1'],
        allowedTestSites: ['jira.local'],
      };

      expect(refusalOf('localhost', permissive)).toBe(
        'localhost and internal or reserved names are not accepted',
      );
      expect(refusalOf('127.0.0.1', permissive)).toBe('IP addresses are not accepted');
      expect(refusalOf('jira.local', permissive)).toBe(
        'localhost and internal or reserved names are not accepted',
      );
    });

    it('accepts configured test sites like custom domains', () => {
      expect(normalizeSite('sim.acme.dev', { allowedTestSites: ['sim.acme.dev'] })).toEqual({
        ok: true,
        site: 'sim.acme.dev',
      });
    });
  });

  it('builds the message that names the field and the expected form', () => {
    expect(siteErrorMessage('https is required, http:// is not accepted')).toBe(
      'site must be a Jira Cloud site such as yourcompany.atlassian.net: https is required, http:// is not accepted',
    );
  });
});
