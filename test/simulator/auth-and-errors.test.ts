import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { NOW, basicAuth, call, sharedExists, sharedRoot } from './support.js';

const scenario = createRealisticScenario({ now: NOW });
const [bot, rita] = scenario.logins as [(typeof scenario.logins)[0], (typeof scenario.logins)[0]];

let simulator: JiraSimulator;
beforeAll(async () => {
  simulator = await startJiraSimulator({ scenario, clock: () => NOW });
});
afterAll(async () => {
  await simulator.close();
});

describe('authentication', () => {
  it.each([
    ['no credentials', ''],
    ['a wrong token', basicAuth({ email: bot.email, apiToken: `${bot.apiToken}x` })],
    ["another user's token", basicAuth({ email: bot.email, apiToken: rita.apiToken })],
    ['an unknown e-mail', basicAuth({ email: 'nobody@acme.example', apiToken: bot.apiToken })],
    ['a bearer token', `Bearer ${bot.apiToken}`],
  ])("answers 401 with Jira's plain-text body for %s", async (_name, authorization) => {
    const response = await call(simulator, '/rest/api/3/myself', { authorization });
    expect(response.status).toBe(401);
    expect(response.text).toBe('Client must be authenticated to access this resource.');
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(simulator.requests.at(-1)).toMatchObject({ path: '/rest/api/3/myself', status: 401 });
  });

  it('accepts the e-mail in any case', async () => {
    const response = await call(simulator, '/rest/api/3/myself', {
      login: { email: bot.email.toUpperCase(), apiToken: bot.apiToken },
    });
    expect(response.status).toBe(200);
  });
});

describe('GET /rest/api/3/myself', () => {
  it('describes the calling user', async () => {
    const { status, body } = await call(simulator, '/rest/api/3/myself');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      accountId: bot.accountId,
      accountType: 'atlassian',
      active: true,
      displayName: 'Compliance Bot',
      emailAddress: 'compliance-bot@acme.example',
      timeZone: 'Europe/Berlin',
      locale: 'en_US',
      self: `${simulator.baseUrl}/rest/api/3/user?accountId=${bot.accountId}`,
    });

    const other = await call(simulator, '/rest/api/3/myself', { login: rita });
    expect(other.body).toMatchObject({ accountId: rita.accountId, displayName: 'Rita Okafor' });
  });
});

describe('GET /rest/api/3/mypermissions', () => {
  const havePermission = async (login: typeof bot, target: JiraSimulator = simulator) => {
    const { body } = await call<{ permissions: { ADMINISTER: { havePermission: boolean } } }>(
      target,
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
      { login },
    );
    return body.permissions.ADMINISTER.havePermission;
  };

  it('says the API user is a Jira admin and the second login is not', async () => {
    const { status, body } = await call(simulator, '/rest/api/3/mypermissions?permissions=ADMINISTER');
    expect(status).toBe(200);
    expect(body).toEqual({
      permissions: {
        ADMINISTER: {
          id: '0',
          key: 'ADMINISTER',
          name: 'Administer Jira',
          type: 'GLOBAL',
          description: expect.any(String),
          havePermission: true,
        },
      },
    });
    expect(await havePermission(rita)).toBe(false);
  });

  it('follows permission changes made during a test', async () => {
    simulator.setGlobalPermission(bot.accountId, 'ADMINISTER', false);
    try {
      expect(await havePermission(bot)).toBe(false);
    } finally {
      simulator.setGlobalPermission(bot.accountId, 'ADMINISTER', true);
    }
    expect(await havePermission(bot)).toBe(true);
  });

  it('makes the API user a non-admin in a scenario built that way', async () => {
    const nonAdmin = await startJiraSimulator({
      scenario: createRealisticScenario({ now: NOW, apiUserIsAdmin: false }),
    });
    try {
      expect(await havePermission(bot, nonAdmin)).toBe(false);
    } finally {
      await nonAdmin.close();
    }
  });

  it('answers several keys at once', async () => {
    const { body } = await call<{ permissions: Record<string, { havePermission: boolean }> }>(
      simulator,
      '/rest/api/3/mypermissions?permissions=ADMINISTER,USER_PICKER,BROWSE_PROJECTS',
      { login: rita },
    );
    expect(Object.entries(body.permissions).map(([key, value]) => [key, value.havePermission])).toEqual([
      ['ADMINISTER', false],
      ['USER_PICKER', false],
      ['BROWSE_PROJECTS', true],
    ]);
  });

  it('refuses a call without permissions, or with an unknown key, with 400 and an ErrorCollection', async () => {
    const missing = await call(simulator, '/rest/api/3/mypermissions');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ errorMessages: [expect.stringContaining("'permissions'")], errors: {} });

    const unknown = await call(simulator, '/rest/api/3/mypermissions?permissions=BE_GOD');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      errorMessages: ["The permission key 'BE_GOD' is not valid."],
      errors: {},
    });
  });
});

describe('GET /rest/api/3/serverInfo', () => {
  it('says Cloud and gives the server time in Jira form', async () => {
    const { body } = await call(simulator, '/rest/api/3/serverInfo');
    expect(body).toMatchObject({
      baseUrl: simulator.baseUrl,
      deploymentType: 'Cloud',
      serverTitle: 'Acme Jira',
      serverTime: '2025-06-01T12:00:00.000+0000',
    });
  });
});

describe('the removed /rest/api/{2,3}/search', () => {
  it.each([
    ['GET', '/rest/api/3/search?jql=project%3DOPS'],
    ['POST', '/rest/api/3/search'],
    ['GET', '/rest/api/2/search?jql=project%3DOPS'],
  ])('answers %s %s with 410 Gone', async (method, pathAndQuery) => {
    const { status, body } = await call<{ errorMessages: string[] }>(simulator, pathAndQuery, {
      method,
      body: method === 'POST' ? { jql: 'project = OPS' } : undefined,
    });
    expect(status).toBe(410);
    expect(body.errorMessages[0]).toContain('/rest/api/3/search/jql');
  });

  describe.skipIf(!sharedExists)('against the captured Jira body (needs ../shared)', () => {
    it('sends exactly the body Jira Cloud sends', async () => {
      const fixture: unknown = JSON.parse(
        readFileSync(path.join(sharedRoot, 'jira/fixtures/error_410_legacy_search_removed.json'), 'utf8'),
      );
      const { body } = await call(simulator, '/rest/api/3/search?jql=project%3DOPS');
      expect(body).toEqual(fixture);
    });
  });
});

describe('unknown resources', () => {
  it('answers an unknown path with 404 and an ErrorCollection', async () => {
    const { status, body } = await call(simulator, '/rest/api/3/workflow/nope');
    expect(status).toBe(404);
    expect(body).toEqual({
      errorMessages: ['No resource found for GET /rest/api/3/workflow/nope.'],
      errors: {},
    });
  });

  it('answers a known path with the wrong method with 405', async () => {
    const { status } = await call(simulator, '/rest/api/3/myself', { method: 'DELETE' });
    expect(status).toBe(405);
  });
});
