/**
 * `npm run demo`: a Jira Cloud simulator with a realistic organisation, the service in embedded mode,
 * an API-token connection with change and incident scopes, and the five checks as a table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { findFreePort } from '../src/embedded/free-port.js';
import { createLogger } from '../src/logger.js';
import { startService } from '../src/service.js';
import { createRealisticScenario, startJiraSimulator } from '../src/simulator/index.js';

const SITE = 'acme.atlassian.net';
const CHANGE_SCOPE = { projects: ['CHG'], issueTypes: ['Change'] };
const INCIDENT_SCOPE = { projects: ['OPS'], issueTypes: ['Incident'] };

interface SyncRun {
  kind: string;
  status: string;
  startedAt: string;
  finishedAt: string;
  counts: { projects: number; statuses: number; issues: number; pages: number };
}

interface CheckResult {
  checkId: string;
  name: string;
  status: string;
  reason: string;
  evaluatedAt: string;
  failingEntities: Array<{ key?: string; url?: string; detail?: string }>;
  auditorJql: string | null;
}

async function main(): Promise<void> {
  const keepData = process.argv.includes('--keep');
  const dataDir = await mkdtemp(join(tmpdir(), 'jira-compliance-demo-'));
  const simulator = await startJiraSimulator({ scenario: createRealisticScenario() });
  console.log(
    `Jira simulator for ${SITE} at ${simulator.baseUrl} (${simulator.scenario.issues.length} issues)`,
  );

  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    TEMPORAL_PORT: String(await findFreePort()),
    TEMPORAL_UI_PORT: String(await findFreePort()),
    JIRA_SITE_BASE_URLS: JSON.stringify({ [SITE]: simulator.baseUrl }),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  console.log('Starting the service (embedded PostgreSQL and Temporal dev server)…');
  const service = await startService(config, createLogger(config.LOG_LEVEL));

  try {
    console.log(`API ${service.apiUrl} · Temporal UI ${service.temporalUiUrl ?? service.temporalAddress}`);
    const api = apiClient(service.apiUrl, service.workspaceApiKey);

    const { credentials } = simulator.scenario;
    const connection = await api('POST', '/v1/connections', {
      type: 'api_token',
      site: `https://${SITE}/jira/software/projects/CHG/boards/1`,
      email: credentials.email,
      apiToken: credentials.apiToken,
      purposes: ['change_management', 'incident_management'],
    });
    console.log(`Connected ${connection.site} (connection ${connection.id}); waiting for the first sync…`);

    const change = await api(
      'PUT',
      `/v1/connections/${connection.id}/scopes/change_management`,
      CHANGE_SCOPE,
    );
    const incident = await api(
      'PUT',
      `/v1/connections/${connection.id}/scopes/incident_management`,
      INCIDENT_SCOPE,
    );

    console.log(`Scopes saved (change v${change.version}, incident v${incident.version}); syncing…`);
    const run = await waitForSync(api, connection.id, new Date());
    const results = await waitForResults(api, new Date(run.finishedAt));
    console.log(
      `\nSync ${run.kind} ${run.status}: ${run.counts.projects} projects, ${run.counts.statuses} statuses, ` +
        `${run.counts.issues} issues in ${run.counts.pages} pages.\n`,
    );
    printTable(results);
  } finally {
    await service.stop();
    await simulator.close();
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  }
}

// The demo reads the API's JSON answers loosely, as a user's script would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Api = (method: string, path: string, body?: unknown) => Promise<any>;

function apiClient(baseUrl: string, apiKey: string): Api {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const payload = await response.json();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(payload)}`);
    return payload;
  };
}

/** Waits for a sync that started after the scopes were saved to finish (one running then sees only part). */
async function waitForSync(api: Api, connectionId: string, scopesSavedAt: Date): Promise<SyncRun> {
  return poll('The first sync did not finish within 3 minutes.', async () => {
    const { lastSyncRun: run } = await api('GET', `/v1/connections/${connectionId}`);
    return run && Date.parse(run.startedAt) >= scopesSavedAt.getTime() && run.finishedAt ? run : undefined;
  });
}

/** Waits until every check has a result evaluated after the sync. */
async function waitForResults(api: Api, syncFinishedAt: Date): Promise<CheckResult[]> {
  return poll('The checks were not evaluated within 3 minutes.', async () => {
    const { checks } = await api('GET', '/v1/checks');
    const details: Array<{ result: CheckResult | null }> = await Promise.all(
      checks.map((c: { checkId: string }) => api('GET', `/v1/checks/${encodeURIComponent(c.checkId)}`)),
    );
    const results = details.map((d) => d.result);
    const ready = results.every((r) => r !== null && Date.parse(r.evaluatedAt) >= syncFinishedAt.getTime());
    return ready ? (results as CheckResult[]) : undefined;
  });
}

async function poll<T>(timeoutMessage: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(timeoutMessage);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function printTable(results: CheckResult[]): void {
  const rows = results.map((r) => [r.status.toUpperCase(), r.checkId, String(r.failingEntities.length)]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((row) => row[i]!.length), ['RESULT', 'CHECK', 'FAILING'][i]!.length),
  );
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');

  console.log(line(['RESULT', 'CHECK', 'FAILING']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  for (const result of results) {
    console.log(`\n${result.name} — ${result.status}\n  ${result.reason}`);
    for (const entity of result.failingEntities.slice(0, 10)) {
      console.log(`  • ${entity.key}  ${entity.detail ?? ''}  ${entity.url ?? ''}`);
    }
    if (result.failingEntities.length > 10) console.log(`  … and ${result.failingEntities.length - 10} more`);
    if (result.auditorJql) console.log(`  JQL for auditors: ${result.auditorJql}`);
  }
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
