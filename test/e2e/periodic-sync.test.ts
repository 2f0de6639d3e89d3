import { beforeAll, describe, expect, it } from 'vitest';
import type { JiraSimulator } from '../../src/simulator/index.js';
import {
  connectApiToken,
  useSimulatedService,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

describe('periodic sync', () => {
  const service = useSimulatedService({ issueCount: 50 }, { syncIntervalSeconds: 2 });
  let simulator: JiraSimulator;
  let harness: ServiceHarness;

  beforeAll(async () => {
    ({ simulator, harness } = service);
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
