import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('treats an empty variable as unset and fills in the defaults', () => {
    const config = loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '', PORT: '' });

    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.SYNC_INTERVAL_SECONDS).toBe(3600);
    expect(config.JIRA_SITE_BASE_URLS).toBeUndefined();
  });

  it('reads the test-only site routing as a JSON map', () => {
    const config = loadConfig({ JIRA_SITE_BASE_URLS: '{"acme.atlassian.net":"http://127.0.0.1:8787"}' });

    expect(config.JIRA_SITE_BASE_URLS).toEqual({ 'acme.atlassian.net': 'http://127.0.0.1:8787' });
  });

  it('names every invalid variable in one error', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', JIRA_SITE_BASE_URLS: '{not json', ADMIN_API_KEY: 'short' }),
    ).toThrow(
      'Invalid configuration: PORT: Invalid input: expected number, received NaN; ADMIN_API_KEY: Too small: expected string to have >=16 characters; JIRA_SITE_BASE_URLS: must be a JSON object from site to base URL',
    );
  });
});
