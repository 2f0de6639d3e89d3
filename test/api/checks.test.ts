import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/registry.js';
import type { CheckResult } from '../../src/checks/types.js';
import { storeCheckResults } from '../../src/db/check-results.js';
import { startApi, type ApiHarness } from './api-harness.js';

const [evaluated, neverEvaluated] = checks;

function result(evaluatedAt: string, status: CheckResult['status'], failing: number): CheckResult {
  if (!evaluated) throw new Error('the registry lists no checks');
  return {
    checkId: evaluated.id,
    name: evaluated.name,
    status,
    reason: `${failing} failing`,
    evaluatedAt: new Date(evaluatedAt),
    syncRunIds: [],
    scopeVersions: {},
    failingEntities: Array.from({ length: failing }, (_, i) => ({
      type: 'issue' as const,
      connectionId: '00000000-0000-4000-8000-000000000000',
      site: 'acme.atlassian.net',
      key: `CHG-${i + 1}`,
      url: `https://acme.atlassian.net/browse/CHG-${i + 1}`,
      detail: 'no assignee',
    })),
    auditorJql: 'project = "CHG" AND assignee is EMPTY',
    summary: { inScope: 3 },
  };
}

describe('checks API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
    await storeCheckResults(api.db, api.workspaceId, [result('2026-01-01T00:00:00Z', 'failing', 2)]);
    await storeCheckResults(api.db, api.workspaceId, [result('2026-02-01T00:00:00Z', 'passing', 0)]);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists every check, with its latest status or pending', async () => {
    const response = await api.call('GET', '/v1/checks');

    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { checkId: string }) => c.checkId)).toEqual(checks.map((c) => c.id));
    expect(response.body.checks[0]).toMatchObject({
      checkId: evaluated?.id,
      status: 'passing',
      reason: '0 failing',
      evaluatedAt: '2026-02-01T00:00:00.000Z',
      failingCount: 0,
    });
    expect(response.body.checks[1]).toEqual({
      checkId: neverEvaluated?.id,
      name: neverEvaluated?.name,
      status: 'pending',
      reason: null,
      evaluatedAt: null,
      failingCount: 0,
      resultId: null,
    });
  });

  it('shows the latest result of a check with its place in the evidence chain', async () => {
    const response = await api.call('GET', `/v1/checks/${evaluated?.id}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      checkId: evaluated?.id,
      status: 'passing',
      result: { status: 'passing', evaluatedAt: '2026-02-01T00:00:00.000Z', evidence: { sequence: 2 } },
    });
    expect(response.body.result.evidence.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows a check that was never evaluated as pending', async () => {
    const response = await api.call('GET', `/v1/checks/${neverEvaluated?.id}`);

    expect(response.body).toEqual({
      checkId: neverEvaluated?.id,
      name: neverEvaluated?.name,
      status: 'pending',
      result: null,
    });
  });

  it('answers an unknown check with CHECK_NOT_FOUND', async () => {
    for (const path of ['/v1/checks/no.such_check', '/v1/checks/no.such_check/history']) {
      const response = await api.call('GET', path);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('CHECK_NOT_FOUND');
    }
  });

  it('gives the history of a period, newest first, with the verified evidence chain', async () => {
    const all = await api.call('GET', `/v1/checks/${evaluated?.id}/history`);
    const january = await api.call(
      'GET',
      `/v1/checks/${evaluated?.id}/history?from=2026-01-01&to=2026-01-15T00:00:00%2B01:00`,
    );

    expect(all.body.results.map((r: { status: string }) => r.status)).toEqual(['passing', 'failing']);
    expect(all.body.evidenceChain).toEqual({ valid: true, records: 2 });
    expect(january.status).toBe(200);
    expect(january.body).toMatchObject({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-14T23:00:00.000Z' });
    expect(january.body.results).toHaveLength(1);
    expect(january.body.results[0]).toMatchObject({
      status: 'failing',
      failingEntities: [{ key: 'CHG-1' }, { key: 'CHG-2' }],
      auditorJql: 'project = "CHG" AND assignee is EMPTY',
      evidence: { sequence: 1 },
    });
  });

  it.each([
    ['from=yesterday', 'from', 'INVALID_VALUE'],
    ['to=2026-13-01', 'to', 'INVALID_VALUE'],
    ['from=2026-02-01&to=2026-01-01', 'to', 'INVALID'],
    ['limit=0', 'limit', 'INVALID'],
    ['limit=ten', 'limit', 'INVALID_FORMAT'],
    ['from=2026-01-01&from=2026-02-01', 'from', 'INVALID_VALUE'],
    ['since=2026-01-01', 'since', 'UNKNOWN_FIELD'],
  ])('refuses the history query %j, naming the parameter', async (query, path, code) => {
    const response = await api.call('GET', `/v1/checks/${evaluated?.id}/history?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([expect.objectContaining({ path, code })]);
    expect(response.body.error.message).toContain(`query parameter ${path}:`);
  });

  it('says what form a date must have', async () => {
    const response = await api.call('GET', `/v1/checks/${evaluated?.id}/history?from=yesterday`);

    expect(response.body.error.message).toBe(
      'The request is invalid: query parameter from: must be an ISO 8601 instant such as 2026-01-31T00:00:00Z, ' +
        'or a date such as 2026-01-31.',
    );
  });

  it("never shows another workspace's results", async () => {
    const other = await api.createOtherWorkspace();

    const response = await api.call('GET', `/v1/checks/${evaluated?.id}/history`, { apiKey: other.apiKey });

    expect(response.body.results).toEqual([]);
    expect(response.body.evidenceChain).toEqual({ valid: true, records: 0 });
  });
});
