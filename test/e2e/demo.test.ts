import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createRealisticScenario } from '../../src/simulator/index.js';
import { overdueOpenIncidents, unassignedRecentChanges } from '../support/scenario-expectations.js';

describe('npm run demo', () => {
  it('prints the five checks with the results its scenario implies', { timeout: 240_000 }, async () => {
    const startedAt = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      // The embedded start, as a user gets it, but with the Temporal CLI this run already located.
      env: {
        ...process.env,
        TEMPORAL_CLI_PATH: inject('temporalCliPath'),
        DATABASE_URL: '',
        TEMPORAL_ADDRESS: '',
      },
      timeout: 230_000,
    });

    const rows = Object.fromEntries(
      [...stdout.matchAll(/^(PASSING|FAILING|NOT_EVALUATED)\s+(\S+)\s+(\d+)\s*$/gm)].map((m) => [
        m[2],
        { status: m[1], failing: Number(m[3]) },
      ]),
    );
    const scenario = createRealisticScenario({ now: new Date(startedAt) });
    const unassigned = unassignedRecentChanges(scenario, startedAt);
    const overdue = overdueOpenIncidents(scenario, startedAt);

    expect(rows).toEqual({
      'change_management.ticketing_system_configured': { status: 'PASSING', failing: 0 },
      'change_management.system_connected': { status: 'PASSING', failing: 0 },
      'change_management.ticket_has_assignee': { status: 'FAILING', failing: unassigned.length },
      'change_management.recent_ticket_activity': { status: 'PASSING', failing: 0 },
      'incident_management.incident_closed': { status: 'FAILING', failing: overdue.length },
    });
    for (const key of [...unassigned, ...overdue].slice(0, 10)) expect(stdout).toContain(`• ${key} `);
  });
});
