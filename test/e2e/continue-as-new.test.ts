import { beforeAll, describe, expect, it } from 'vitest';
import type { JiraSimulator } from '../../src/simulator/index.js';
import { connectionWorkflowId } from '../../src/workflows/messages.js';
import {
  connectApiToken,
  useSimulatedService,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

describe('the connection workflow over many syncs', () => {
  const service = useSimulatedService({ issueCount: 100 }, { syncsPerRun: 1 });
  let simulator: JiraSimulator;
  let harness: ServiceHarness;

  beforeAll(async () => {
    ({ simulator, harness } = service);
  });

  it('continues as new between syncs and carries its state into the new run', async () => {
    const id = await connectApiToken(harness, simulator, ['change_management']);
    const handle = harness.env.client.workflow.getHandle(connectionWorkflowId(id));
    const firstRun = (await handle.describe()).runId;

    const syncs = async (n: number) =>
      waitFor(`${n} finished syncs`, async () => {
        const state = await handle.query<{ syncsCompleted: number; syncing: boolean; phase: string }>(
          'connectionState',
        );
        return state.syncsCompleted >= n && !state.syncing ? state : undefined;
      });
    await syncs(1);
    await harness.call('POST', `/v1/connections/${id}/sync`);
    await syncs(2);
    await harness.call('POST', `/v1/connections/${id}/sync`);
    const state = await syncs(3);

    const description = await handle.describe();
    expect(description.runId).not.toBe(firstRun);
    expect(description.status.name).toBe('RUNNING');
    expect(state.phase).toBe('active');
    const runs = await harness.db
      .selectFrom('sync_runs')
      .select('status')
      .where('connection_id', '=', id)
      .execute();
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
