import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { NOW, call } from './support.js';

const scenario = createRealisticScenario({ now: NOW, issueCount: 100 });

let simulator: JiraSimulator;
beforeAll(async () => {
  simulator = await startJiraSimulator({ scenario });
});
afterEach(() => {
  simulator.faults.clear();
  simulator.resetRequests();
});
afterAll(async () => {
  await simulator.close();
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After, X-RateLimit-Reset and RateLimit-Reason, then recovers', async () => {
    const fault = simulator.faults.add({
      path: '/rest/api/3/myself',
      status: 429,
      retryAfterSeconds: 7,
      times: 1,
    });
    const before = Date.now();

    const limited = await call(simulator, '/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    const reset = limited.headers.get('x-ratelimit-reset') ?? '';
    expect(reset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    const resetMs = Date.parse(reset);
    expect(resetMs).toBeGreaterThan(before + 7000 - 61_000);
    expect(resetMs).toBeLessThanOrEqual(Date.now() + 7000);
    expect(limited.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });

    expect((await call(simulator, '/rest/api/3/myself')).status).toBe(200);
    expect(fault.hits).toBe(1);
  });

  it('sends Retry-After: 0 when asked, and can leave the header out', async () => {
    simulator.faults.rateLimit('/rest/api/3/serverInfo', { retryAfterSeconds: 0 });
    const zero = await call(simulator, '/rest/api/3/serverInfo');
    expect([zero.status, zero.headers.get('retry-after')]).toEqual([429, '0']);

    simulator.faults.rateLimit('/rest/api/3/serverInfo', { retryAfterSeconds: null });
    const none = await call(simulator, '/rest/api/3/serverInfo');
    expect([none.status, none.headers.get('retry-after')]).toEqual([429, null]);
  });

  it('takes another RateLimit-Reason', async () => {
    simulator.faults.add({
      path: '/rest/api/3/myself',
      status: 429,
      rateLimitReason: 'jira-quota-tenant-based',
    });
    const { headers } = await call(simulator, '/rest/api/3/myself');
    expect(headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(headers.get('retry-after')).toBe('1');
  });
});

describe('server errors', () => {
  it('fails the given number of times, then answers normally', async () => {
    const fault = simulator.faults.add({ path: '/rest/api/3/search/jql', status: 500, times: 2 });
    const search = () => call(simulator, '/rest/api/3/search/jql', { body: { jql: 'project = CHG' } });

    expect((await search()).status).toBe(500);
    expect((await search()).status).toBe(500);
    expect((await search()).status).toBe(200);
    expect(fault.hits).toBe(2);
    expect(simulator.requests.map((request) => request.status)).toEqual([500, 500, 200]);
  });

  it('lets the first requests through when told to skip them (fail the third page)', async () => {
    simulator.faults.add({
      path: '/rest/api/3/search/jql',
      status: 503,
      skip: 2,
      times: 1,
      retryAfterSeconds: 3,
    });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push(
        (await call(simulator, '/rest/api/3/search/jql', { body: { jql: 'project = CHG' } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 503, 200]);
    expect(simulator.requests[2]?.status).toBe(503);
  });

  it('matches by method and by regular expression', async () => {
    simulator.faults.add({ method: 'POST', path: /^\/rest\/api\/3\/search\//, status: 502 });
    expect((await call(simulator, '/rest/api/3/search/jql', { body: { jql: 'project = CHG' } })).status).toBe(
      502,
    );
    expect((await call(simulator, '/rest/api/3/search/jql?jql=project%3DCHG')).status).toBe(200);
  });

  it('sends a junk body when given a string', async () => {
    simulator.faults.add({
      path: '/rest/api/3/serverInfo',
      status: 200,
      body: '<html>Service temporarily unavailable',
    });
    const response = await call(simulator, '/rest/api/3/serverInfo');
    expect(response.status).toBe(200);
    expect(response.text).toBe('<html>Service temporarily unavailable');
    expect(response.body).toBeUndefined();
  });

  it('drops the connection without an answer', async () => {
    simulator.faults.add({ path: '/rest/api/3/myself', resetConnection: true, times: 1 });
    await expect(call(simulator, '/rest/api/3/myself')).rejects.toThrow();
    expect(simulator.requests.at(-1)).toMatchObject({ path: '/rest/api/3/myself', status: 0 });
    expect((await call(simulator, '/rest/api/3/myself')).status).toBe(200);
  });

  it('can be removed', async () => {
    const fault = simulator.faults.add({ path: '/rest/api/3/myself', status: 500 });
    expect((await call(simulator, '/rest/api/3/myself')).status).toBe(500);
    fault.remove();
    expect((await call(simulator, '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('403 on one resource', () => {
  it('forbids only that resource; the others keep answering', async () => {
    simulator.faults.forbid('/rest/api/3/status', { message: 'You need the Browse projects permission.' });

    const forbidden = await call(simulator, '/rest/api/3/status');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({
      errorMessages: ['You need the Browse projects permission.'],
      errors: {},
    });
    expect((await call(simulator, '/rest/api/3/statuses/search')).status).toBe(200);
    expect((await call(simulator, '/rest/api/3/project/search')).status).toBe(200);
    expect((await call(simulator, '/rest/api/3/status')).status).toBe(403);
  });
});

describe('latency', () => {
  it('delays a matching request by delayMs and answers it normally', async () => {
    simulator.faults.add({ path: '/rest/api/3/serverInfo', delayMs: 300 });
    const started = Date.now();
    const response = await call(simulator, '/rest/api/3/serverInfo');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const quickStart = Date.now();
    await call(simulator, '/rest/api/3/myself');
    expect(Date.now() - quickStart).toBeLessThan(250);
  });

  it('delays every request by the global latency', async () => {
    simulator.faults.latencyMs = 200;
    const started = Date.now();
    await call(simulator, '/rest/api/3/myself');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('the request log', () => {
  it('records method, path, query, body, status and the JQL of searches', async () => {
    await call(simulator, '/rest/api/3/project/search?keys=CHG&keys=OPS&maxResults=5');
    await call(simulator, '/rest/api/3/search/jql', { body: { jql: 'project = OPS', maxResults: 2 } });
    await call(simulator, `/rest/api/3/search/jql?jql=${encodeURIComponent('project = "IS"')}`);

    expect(simulator.requests).toEqual([
      {
        method: 'GET',
        path: '/rest/api/3/project/search',
        query: { keys: 'CHG,OPS', maxResults: '5' },
        status: 200,
        receivedAt: expect.any(Number),
      },
      {
        method: 'POST',
        path: '/rest/api/3/search/jql',
        query: {},
        body: { jql: 'project = OPS', maxResults: 2 },
        status: 200,
        jql: 'project = OPS',
        receivedAt: expect.any(Number),
      },
      {
        method: 'GET',
        path: '/rest/api/3/search/jql',
        query: { jql: 'project = "IS"' },
        status: 200,
        jql: 'project = "IS"',
        receivedAt: expect.any(Number),
      },
    ]);

    simulator.resetRequests();
    expect(simulator.requests).toEqual([]);
  });
});
