import { describe, expect, it } from 'vitest';
import { checkIncidentClosed } from '../../src/checks/incident-closed.js';
import type { IssueSnapshot } from '../../src/checks/types.js';
import {
  connection,
  daysAgo,
  incidentScope,
  issue,
  minutesAgo,
  snapshot,
  syncRun,
} from './snapshot-builders.js';

const DEADLINE_30 = 1792152000000; // 2026-10-16T12:00:00Z, 30 days before NOW

function withIncidents(issues: IssueSnapshot[], options: Record<string, number> = {}) {
  return snapshot(
    connection({
      scopes: { incident_management: incidentScope(options) },
      issues: { incident_management: issues },
    }),
  );
}

function incident(key: string, statusName: string | null, category: string | null, ageDays: number) {
  return issue(key, {
    issueTypeName: 'Incident',
    statusName,
    statusCategoryKey: category,
    createdAt: daysAgo(ageDays),
  });
}

describe('incident_management.incident_closed', () => {
  it('decides open and closed by status category, never by status name (case B15)', () => {
    const result = checkIncidentClosed(
      withIncidents([
        incident('INC-7', 'Mitigated', 'done', 40),
        incident('INC-8', 'Offen', 'new', 40),
        incident('INC-9', 'Triage', 'indeterminate', 45),
      ]),
    );

    expect(result.status).toBe('failing');
    expect(result.failingEntities.map((e) => [e.key, e.detail])).toEqual([
      ['INC-9', 'open for 45 days in status Triage (category indeterminate)'],
      ['INC-8', 'open for 40 days in status Offen (category new)'],
    ]);
    expect(result.reason).toBe(
      '2 of 2 open incidents have been open for more than 30 days: INC-9, INC-8; resolve each one (move it ' +
        'to a status in the Done category).',
    );
    expect(result.auditorJql).toBe(
      `project in ("INC") AND issuetype in ("Incident") AND statusCategory != "Done" AND created < ${DEADLINE_30}`,
    );
    expect(result.summary).toMatchObject({ incidentsInScope: 3, openIncidents: 2, overdueIncidents: 2 });
  });

  it('treats a status named "Done" in another category as open, and "Closed" in done as closed', () => {
    const result = checkIncidentClosed(
      withIncidents([
        incident('INC-1', 'Done', 'indeterminate', 60),
        incident('INC-2', 'Closed', 'done', 60),
      ]),
    );

    expect(result.failingEntities.map((e) => e.key)).toEqual(['INC-1']);
  });

  it('counts the "undefined" category and a missing category as open', () => {
    const result = checkIncidentClosed(
      withIncidents([incident('INC-1', 'Legacy', 'undefined', 31), incident('INC-2', null, null, 31)]),
    );

    expect(result.failingEntities.map((e) => e.detail)).toEqual([
      'open for 31 days in status Legacy (category undefined)',
      'open for 31 days in a status without a name (category none)',
    ]);
  });

  it('allows an incident open exactly 30 days, and fails it a millisecond later', () => {
    const exactly = checkIncidentClosed(withIncidents([issue('INC-1', { createdAt: daysAgo(30) })]));
    const later = checkIncidentClosed(withIncidents([issue('INC-1', { createdAt: daysAgo(30, -1) })]));

    expect(exactly.status).toBe('passing');
    expect(exactly.reason).toBe(
      'No incident has been open for more than 30 days (1 incident in scope, 1 open).',
    );
    expect(later.status).toBe('failing');
  });

  it('fails any open incident, even one a minute old, when resolutionDays is 0', () => {
    const result = checkIncidentClosed(
      withIncidents(
        [
          issue('INC-1', { createdAt: minutesAgo(1) }),
          issue('INC-2', { createdAt: daysAgo(400), statusCategoryKey: 'done' }),
        ],
        { resolutionDays: 0 },
      ),
    );

    expect(result.status).toBe('failing');
    expect(result.failingEntities.map((e) => [e.key, e.detail])).toEqual([
      ['INC-1', 'open for 0 days in status To Do (category new)'],
    ]);
    expect(result.reason).toBe(
      '1 of 1 open incident is open, and no resolution time is allowed (0 days): INC-1; resolve each one ' +
        '(move it to a status in the Done category).',
    );
    expect(result.auditorJql).toBe(
      'project in ("INC") AND issuetype in ("Incident") AND statusCategory != "Done"',
    );
  });

  it('passes with zero incidents in scope, saying so', () => {
    const result = checkIncidentClosed(withIncidents([]));

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'No incident has been open for more than 30 days (0 incidents in scope, 0 open).',
    );
  });

  it('uses the scope option resolutionDays', () => {
    const result = checkIncidentClosed(
      withIncidents([issue('INC-1', { createdAt: daysAgo(11) })], { resolutionDays: 10 }),
    );

    expect(result.status).toBe('failing');
    expect(result.auditorJql).toBe(
      'project in ("INC") AND issuetype in ("Incident") AND statusCategory != "Done" AND created < 1793880000000',
    );
  });

  it('is not evaluated without an incident scope, and when its sync could not read the issues', () => {
    const none = checkIncidentClosed(snapshot(connection()));
    const problem = { resource: 'issues', code: 'JIRA_FORBIDDEN', message: 'forbidden' };
    const unreadable = checkIncidentClosed(
      snapshot(
        connection({
          lastCompletedSyncRun: syncRun('run-1', { status: 'partial', problems: [problem] }),
          problems: [problem],
          scopes: { incident_management: incidentScope() },
          issues: { incident_management: [] },
        }),
      ),
    );

    expect(none.status).toBe('not_evaluated');
    expect(none.reason).toBe(
      'No incident-management scope is configured; give a connection the incident_management purpose and a ' +
        'scope that says which tickets are incidents.',
    );
    expect(unreadable.status).toBe('not_evaluated');
    expect(unreadable.reason).toBe(
      'Incidents could not be checked: acme.atlassian.net: the last sync could not read its issues (JIRA_FORBIDDEN).',
    );
  });
});
