import { describe, expect, it } from 'vitest';
import { checkRecentTicketActivity } from '../../src/checks/recent-ticket-activity.js';
import type { IssueSnapshot } from '../../src/checks/types.js';
import { changeScope, connection, daysAgo, issue, scope, snapshot } from './snapshot-builders.js';

function withChangeIssues(issues: IssueSnapshot[], options: Record<string, number> = {}) {
  return snapshot(
    connection({
      scopes: { change_management: changeScope(options) },
      issues: { change_management: issues },
    }),
  );
}

describe('change_management.recent_ticket_activity', () => {
  it('fails when the newest change ticket is older than 30 days, naming it and its age', () => {
    const result = checkRecentTicketActivity(
      withChangeIssues([
        issue('CHG-1', { createdAt: daysAgo(80) }),
        issue('CHG-2', { createdAt: new Date('2026-09-30T09:00:00.000Z') }),
      ]),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'The newest change ticket, CHG-2, was created 2026-09-30, 46 days ago (allowed: 30 days); make sure ' +
        'changes are recorded as tickets in scope.',
    );
    expect(result.failingEntities).toEqual([]);
    expect(result.summary.newestTicket).toEqual({
      connectionId: 'conn-1',
      site: 'acme.atlassian.net',
      key: 'CHG-2',
      url: 'https://acme.atlassian.net/browse/CHG-2',
      createdAt: '2026-09-30T09:00:00.000Z',
      ageDays: 46,
    });
    expect(result.auditorJql).toBe('project in ("CHG") AND issuetype in ("Change") ORDER BY created DESC');
  });

  it('passes with a ticket created exactly 30 days ago, and fails when it is a millisecond older', () => {
    const exactly = checkRecentTicketActivity(withChangeIssues([issue('CHG-1', { createdAt: daysAgo(30) })]));
    const older = checkRecentTicketActivity(
      withChangeIssues([issue('CHG-1', { createdAt: daysAgo(30, -1) })]),
    );

    expect(exactly.status).toBe('passing');
    expect(exactly.reason).toBe(
      'The newest change ticket, CHG-1, was created 2026-10-16 (30 days ago, within 30 days).',
    );
    expect(older.status).toBe('failing');
  });

  it('fails when there is no change ticket in scope at all', () => {
    const result = checkRecentTicketActivity(withChangeIssues([]));

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'There are no change tickets in scope (0 tickets); make sure changes are recorded as tickets in the ' +
        'configured scope, or correct the scope.',
    );
    expect(result.summary.newestTicket).toBeNull();
  });

  it('uses the scope option maxDaysWithoutNewTicket', () => {
    const result = checkRecentTicketActivity(
      withChangeIssues([issue('CHG-1', { createdAt: daysAgo(45) })], { maxDaysWithoutNewTicket: 60 }),
    );

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'The newest change ticket, CHG-1, was created 2026-10-01 (45 days ago, within 60 days).',
    );
  });

  it('passes when any connection has a recent ticket, even if another cannot be evaluated', () => {
    const result = checkRecentTicketActivity(
      snapshot(
        connection({
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1', { createdAt: daysAgo(2) })] },
        }),
        connection({
          id: 'conn-2',
          site: 'beta.atlassian.net',
          lastCompletedSyncRun: null,
          scopes: { change_management: changeScope() },
        }),
      ),
    );

    expect(result.status).toBe('passing');
  });

  it('is not evaluated when the only recent ticket could be on a connection that was not synced', () => {
    const result = checkRecentTicketActivity(
      snapshot(
        connection({
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1', { createdAt: daysAgo(50) })] },
        }),
        connection({
          id: 'conn-2',
          site: 'beta.atlassian.net',
          lastCompletedSyncRun: null,
          scopes: { change_management: changeScope() },
        }),
      ),
    );

    expect(result.status).toBe('not_evaluated');
    expect(result.reason).toBe(
      'Change tickets could not be checked: beta.atlassian.net: no sync has completed yet.',
    );
  });

  it('is not evaluated without a change-management scope', () => {
    expect(checkRecentTicketActivity(snapshot(connection())).status).toBe('not_evaluated');
  });

  it('lists a JQL scope as given, newest first', () => {
    const result = checkRecentTicketActivity(
      snapshot(
        connection({
          scopes: { change_management: scope({ jql: 'labels = "change" order by key' }) },
          issues: { change_management: [issue('CHG-1')] },
        }),
      ),
    );

    expect(result.auditorJql).toBe('(labels = "change") ORDER BY created DESC');
  });
});
