import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import {
  SITE,
  connectApiToken,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

describe('periodic sync', () => {
  let simulator: JiraSimulator;
  let harness: ServiceHarness;

  beforeAll(async () => {
    simulator = await startJiraSimulator({ scenario: createRealisticScenario({ issueCount: 50 }) });
    harness = await startServiceHarness({
      siteBaseUrls: { [SITE]: simulator.baseUrl },
      syncIntervalSeconds: 2,
    });
  });

  afterAll(async () => {
    await harness?.close();
    await simulator?.close();
  });

  it('syncs again after each interval without being asked, full first and incremental after', async () => {
    const id = await connectApiToken(harness, simulator, ['change_management']);
    await harness.call('PUT', `/v1/connections/${id}/scopes/change_management`, {
      projects: ['CHG'],
      issueTypes: ['Change'],
    });

    const runs = await waitFor(
      'four finished syncs: the first, the one the scope asked for, then two on the timer',
      async () => {
        const rows = await harness.db
          .selectFrom('sync_runs')
          .select(['kind', 'status', 'started_at'])
          .where('connection_id', '=', id)
          .where('status', '!=', 'running')
          .orderBy('started_at')
          .execute();
        return rows.length >= 4 ? rows : undefined;
      },
      30_000,
    );

    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(runs.slice(2).map((r) => r.kind)).toEqual(['incremental', 'incremental']);
    const gap = runs[3]!.started_at.getTime() - runs[2]!.started_at.getTime();
    expect(gap).toBeGreaterThanOrEqual(2_000);
  });
});
