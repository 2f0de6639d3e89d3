import { describe, expect, it } from 'vitest';
import {
  checkOptionDefaults,
  checkOptionSpecs,
  isValidCheckOption,
  readCheckOption,
} from '../../src/checks/options.js';
import { checks, evaluateAllChecks, findCheck } from '../../src/checks/registry.js';
import { changeScope, connection, NOW, snapshot } from './snapshot-builders.js';

describe('check registry', () => {
  it('lists every check with the names the product uses', () => {
    expect(checks.map((c) => [c.id, c.name])).toEqual([
      [
        'change_management.ticketing_system_configured',
        'Ticketing system for change management should be set up',
      ],
      ['change_management.system_connected', 'At least one change management system should be connected'],
      ['change_management.ticket_has_assignee', 'Change management ticket should have an assignee'],
      [
        'change_management.recent_ticket_activity',
        'No new change management tickets were added in over 30 days',
      ],
      ['incident_management.incident_closed', 'Reported incident should be closed in Jira'],
    ]);
    expect(findCheck('incident_management.incident_closed')?.name).toBe(
      'Reported incident should be closed in Jira',
    );
    expect(findCheck('nope')).toBeUndefined();
  });

  it('evaluates every check on one snapshot at its time', () => {
    const results = evaluateAllChecks(snapshot(connection({ scopes: { change_management: changeScope() } })));

    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['change_management.ticketing_system_configured', 'passing'],
      ['change_management.system_connected', 'passing'],
      ['change_management.ticket_has_assignee', 'passing'],
      ['change_management.recent_ticket_activity', 'failing'],
      ['incident_management.incident_closed', 'not_evaluated'],
    ]);
    expect(results.every((r) => r.evaluatedAt === NOW)).toBe(true);
    expect(results.every((r) => r.name === findCheck(r.checkId)?.name)).toBe(true);
  });
});

describe('check options', () => {
  it('exports the defaults the API validates scope options against', () => {
    expect(checkOptionDefaults).toEqual({
      change_management: { reviewWindowDays: 90, maxDaysWithoutNewTicket: 30 },
      incident_management: { resolutionDays: 30 },
    });
    expect(checkOptionSpecs.incident_management.resolutionDays.min).toBe(0);
    expect(checkOptionSpecs.change_management.reviewWindowDays.min).toBe(1);
  });

  it('falls back to the default for a missing, fractional, negative or out-of-range value', () => {
    const read = (options: Record<string, number>) =>
      readCheckOption('change_management', { options }, 'reviewWindowDays');

    expect(read({ reviewWindowDays: 14 })).toBe(14);
    expect(read({})).toBe(90);
    expect(read({ reviewWindowDays: 1.5 })).toBe(90);
    expect(read({ reviewWindowDays: -3 })).toBe(90);
    expect(read({ reviewWindowDays: 0 })).toBe(90);
    expect(read({ reviewWindowDays: 100_000 })).toBe(90);
    expect(readCheckOption('incident_management', { options: { resolutionDays: 0 } }, 'resolutionDays')).toBe(
      0,
    );
    expect(isValidCheckOption(checkOptionSpecs.incident_management.resolutionDays, '5')).toBe(false);
  });
});
