import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basicAuth, bearerAuth, gatewayBaseUrl } from '../../src/jira/auth.js';

const API_TOKEN = 'fake-api-token-0001-secret-token-value';

describe('basicAuth', () => {
  it('sends the e-mail and API token as HTTP Basic', async () => {
    const auth = basicAuth('ops@example.com', API_TOKEN);

    expect(auth.kind).toBe('basic');
    expect(await auth.authorizationHeader()).toBe(
      `Basic ${Buffer.from(`ops@example.com:${API_TOKEN}`).toString('base64')}`,
    );
  });

  it('shows only its kind when printed, serialised or inspected', () => {
    const auth = basicAuth('ops@example.com', API_TOKEN);
    const encoded = Buffer.from(`ops@example.com:${API_TOKEN}`).toString('base64');
    const renderings = [
      String(auth),
      `${auth}`,
      JSON.stringify(auth),
      JSON.stringify({ auth }),
      inspect(auth, { depth: 5, showHidden: true }),
    ];

    for (const text of renderings) {
      expect(text).not.toContain(API_TOKEN);
      expect(text).not.toContain(encoded);
    }
    expect(String(auth)).toBe('JiraAuth(basic)');
    expect(JSON.stringify(auth)).toBe('{"kind":"basic"}');
    expect(inspect(auth)).toBe('JiraAuth(basic)');
    expect(Object.keys(auth).join()).not.toMatch(/token|secret|password/i);
  });

  it('refuses an empty e-mail or token without echoing either', () => {
    expect(() => basicAuth('', API_TOKEN)).toThrow('basicAuth needs an e-mail and an API token');
    expect(() => basicAuth('ops@example.com', '  ')).toThrow('basicAuth needs an e-mail and an API token');
  });
});

describe('bearerAuth', () => {
  it('asks the provider for a current token on every header', async () => {
    const tokens = ['first-access-token', 'second-access-token'];
    const auth = bearerAuth(async () => tokens.shift() ?? 'none');

    expect(auth.kind).toBe('bearer');
    expect(await auth.authorizationHeader()).toBe('Bearer first-access-token');
    expect(await auth.authorizationHeader()).toBe('Bearer second-access-token');
    expect(JSON.stringify(auth)).toBe('{"kind":"bearer"}');
    expect(inspect(auth)).toBe('JiraAuth(bearer)');
  });

  it('refuses an empty token from the provider', async () => {
    await expect(bearerAuth(async () => '').authorizationHeader()).rejects.toThrow('returned an empty token');
  });
});

describe('gatewayBaseUrl', () => {
  it('builds the api.atlassian.com base URL for a cloudId', () => {
    expect(gatewayBaseUrl('1324a887-45db-1bf4-1e99-ef0ff456d421')).toBe(
      'https://api.atlassian.com/ex/jira/1324a887-45db-1bf4-1e99-ef0ff456d421',
    );
  });

  it('can point the gateway elsewhere for tests', () => {
    expect(gatewayBaseUrl('cloud-1', 'http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/ex/jira/cloud-1');
  });

  it.each(['', '../admin', 'a/b', 'id?x=1', 'x'.repeat(65)])('refuses the cloudId %j', (cloudId) => {
    expect(() => gatewayBaseUrl(cloudId)).toThrow(RangeError);
  });
});
