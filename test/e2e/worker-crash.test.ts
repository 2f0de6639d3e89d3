import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { connectionWorkflowId } from '../../src/workflows/messages.js';
import {
  SITE,
  connectApiToken,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

const ISSUES = 3000;

/** The production worker entry point (`src/worker.ts`) as its own process, so it can be killed for real. */
function spawnWorker(harness: ServiceHarness, simulator: JiraSimulator): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: harness.taskQueue,
      CREDENTIALS_KEY: harness.credentialsKey,
      JIRA_SITE_BASE_URLS: JSON.stringify({ [SITE]: simulator.baseUrl }),
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('a worker killed in the middle of a large first sync', () => {
  let simulator: JiraSimulator;
  let harness: ServiceHarness;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    simulator = await startJiraSimulator({ scenario: createRealisticScenario({ issueCount: ISSUES }) });
    // Slow pages make the sync long enough to kill it half-way.
    simulator.faults.add({ path: '/rest/api/3/search/jql', delayMs: 150 });
    harness = await startServiceHarness({
      siteBaseUrls: { [SITE]: simulator.baseUrl },
      withWorker: false,
      heartbeatTimeoutMs: 3_000,
    });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await harness?.close();
    await simulator?.close();
  });

  it('resumes on a new worker from the last stored page and ends with exactly the issues Jira has', async () => {
    const first = spawnWorker(harness, simulator);
    workers.push(first);
    const id = await connectApiToken(harness, simulator, ['project_management']);
    // Every issue of every project is in scope: the whole site. (A worker checks the scope with Jira.)
    const projects = simulator.scenario.projects.map((p) => p.key);
    const issueTypes = [...new Set(simulator.scenario.issues.map((i) => i.fields.issuetype.name))];
    const scope = await harness.call('PUT', `/v1/connections/${id}/scopes/project_management`, {
      projects,
      issueTypes,
    });
    expect(scope.status).toBe(201);
    // Kill once Temporal holds a heartbeat with a cursor past the first page (heartbeats are throttled,
    // so the stored pages run ahead of the last recorded cursor: those pages are simply stored again).
    const handle = harness.env.client.workflow.getHandle(connectionWorkflowId(id));
    const recorded = await waitFor(
      'a heartbeat with a cursor',
      async () => {
        const { raw } = await handle.describe();
        const sync = raw.pendingActivities?.find((a) => a.activityType?.name === 'syncConnection');
        const payload = sync?.heartbeatDetails?.payloads?.[0];
        const progress = payload
          ? defaultPayloadConverter.fromPayload<{ nextPageToken: string | null; pages: number }>(payload)
          : null;
        return progress?.nextPageToken && progress.pages >= 3 ? progress : undefined;
      },
      120_000,
      100,
    );
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await countIssues(harness, id);
    expect(atKill).toBeLessThan(ISSUES);
    expect(recorded.pages).toBeGreaterThanOrEqual(3);

    const second = spawnWorker(harness, simulator);
    workers.push(second);
    const run = await waitFor(
      'the sync to finish on the second worker',
      async () => {
        const { body } = await harness.call('GET', `/v1/connections/${id}`);
        return body.lastSyncRun?.status === 'succeeded' ? body.lastSyncRun : undefined;
      },
      120_000,
    );

    const rows = await harness.db
      .selectFrom('issues')
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        eb.fn.count<string>('jira_id').distinct().as('ids'),
      ])
      .where('connection_id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ total: Number(rows.total), ids: Number(rows.ids) }).toEqual({ total: ISSUES, ids: ISSUES });
    expect(run.kind).toBe('full');

    // The second worker went on from the checkpoint: the sync's search started from its first page once.
    const firstPages = simulator.requests.filter(
      (r) =>
        r.path === '/rest/api/3/search/jql' &&
        r.jql?.endsWith('ORDER BY created ASC') &&
        !(r.body as { nextPageToken?: string }).nextPageToken,
    );
    expect(firstPages.map((r) => r.jql)).toEqual([expect.not.stringContaining('updated >=')]);
    // And it did not fetch again the pages stored before the kill: at most the one in flight.
    const pageRequests = simulator.requests.filter(
      (r) =>
        r.path === '/rest/api/3/search/jql' && r.jql?.endsWith('ORDER BY created ASC') && r.status === 200,
    );
    expect(pageRequests.length).toBeLessThanOrEqual(run.counts.pages + 1);
  });
});

async function countIssues(harness: ServiceHarness, connectionId: string): Promise<number> {
  const row = await harness.db
    .selectFrom('issues')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
