import { describe, expect, it } from 'vitest';
import { checkTicketHasAssignee } from '../../src/checks/ticket-has-assignee.js';
import type { IssueSnapshot } from '../../src/checks/types.js';
import { changeScope, connection, daysAgo, issue, scope, snapshot, syncRun } from './snapshot-builders.js';

const WINDOW_START_90 = 1786968000000; // 2026-08-17T12:00:00Z, 90 days before NOW

function withChangeIssues(issues: IssueSnapshot[], options: Record<string, number> = {}) {
  return snapshot(
    connection({
      scopes: { change_management: changeScope(options) },
      issues: { change_management: issues },
    }),
  );
}

describe('change_management.ticket_has_assignee', () => {
  it('fails and lists every ticket in the review window without an assignee, oldest first', () => {
    const result = checkTicketHasAssignee(
      withChangeIssues([
        issue('CHG-1'),
        issue('CHG-2', { assigneeAccountId: null, assigneeDisplayName: null, createdAt: daysAgo(3) }),
        issue('CHG-3', { assigneeAccountId: null, createdAt: new Date('2026-10-01T08:00:00.000Z') }),
        issue('CHG-4', { assigneeAccountId: null, createdAt: daysAgo(91) }),
      ]),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      '2 of 3 change tickets created in the last 90 days have no assignee: CHG-3, CHG-2; assign an owner to each.',
    );
    expect(result.failingEntities).toEqual([
      {
        type: 'issue',
        connectionId: 'conn-1',
        site: 'acme.atlassian.net',
        key: 'CHG-3',
        url: 'https://acme.atlassian.net/browse/CHG-3',
        summary: 'Summary of CHG-3',
        detail: 'created 2026-10-01, no assignee',
      },
      {
        type: 'issue',
        connectionId: 'conn-1',
        site: 'acme.atlassian.net',
        key: 'CHG-2',
        url: 'https://acme.atlassian.net/browse/CHG-2',
        summary: 'Summary of CHG-2',
        detail: 'created 2026-11-12, no assignee',
      },
    ]);
    expect(result.auditorJql).toBe(
      `project in ("CHG") AND issuetype in ("Change") AND assignee is EMPTY AND created >= ${WINDOW_START_90}`,
    );
    expect(result.syncRunIds).toEqual(['run-conn-1']);
    expect(result.scopeVersions).toEqual({ 'conn-1': 1 });
    expect(result.summary).toMatchObject({ ticketsInWindow: 3, ticketsWithoutAssignee: 2 });
  });

  it('counts a ticket created exactly 90 days ago as inside the window, and one a millisecond older as outside', () => {
    const atBoundary = checkTicketHasAssignee(
      withChangeIssues([issue('CHG-1', { assigneeAccountId: null, createdAt: daysAgo(90) })]),
    );
    const justOutside = checkTicketHasAssignee(
      withChangeIssues([issue('CHG-1', { assigneeAccountId: null, createdAt: daysAgo(90, -1) })]),
    );

    expect(atBoundary.status).toBe('failing');
    expect(atBoundary.failingEntities.map((e) => e.key)).toEqual(['CHG-1']);
    expect(justOutside.status).toBe('passing');
    expect(justOutside.reason).toBe(
      'No change tickets were created in the last 90 days (0 in the review window), so none lacks an assignee.',
    );
  });

  it('treats an absent assignee, a null one and an empty account id alike', () => {
    const missing = issue('CHG-1');
    delete missing.assigneeAccountId;
    delete missing.assigneeDisplayName;

    const result = checkTicketHasAssignee(
      withChangeIssues([
        missing,
        issue('CHG-2', { assigneeAccountId: null }),
        issue('CHG-3', { assigneeAccountId: '' }),
      ]),
    );

    expect(result.failingEntities.map((e) => e.key)).toEqual(['CHG-1', 'CHG-2', 'CHG-3']);
  });

  it('measures the window from instants, whatever offset the Jira timestamp had', () => {
    // 2026-08-17T08:00:00-0400 is 12:00 UTC: exactly 90 days before NOW.
    const parsedFromOffset = new Date(Date.UTC(2026, 7, 17, 12, 0, 0));
    // 2026-08-17T13:59:59+0200 is 11:59:59 UTC: a second outside the window, although the local date matches.
    const outside = new Date(Date.UTC(2026, 7, 17, 11, 59, 59));

    const result = checkTicketHasAssignee(
      withChangeIssues([
        issue('CHG-1', { assigneeAccountId: null, createdAt: parsedFromOffset }),
        issue('CHG-2', { assigneeAccountId: null, createdAt: outside }),
      ]),
    );

    expect(result.failingEntities.map((e) => e.key)).toEqual(['CHG-1']);
  });

  it('passes when every ticket in the window has an assignee, with the count', () => {
    const result = checkTicketHasAssignee(withChangeIssues([issue('CHG-1'), issue('CHG-2'), issue('CHG-3')]));

    expect(result.status).toBe('passing');
    expect(result.reason).toBe('All 3 change tickets created in the last 90 days have an assignee.');
    expect(result.failingEntities).toEqual([]);
  });

  it('uses the scope option reviewWindowDays', () => {
    const result = checkTicketHasAssignee(
      withChangeIssues([issue('CHG-1', { assigneeAccountId: null, createdAt: daysAgo(45) })], {
        reviewWindowDays: 30,
      }),
    );

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'No change tickets were created in the last 30 days (0 in the review window), so none lacks an assignee.',
    );
    expect(result.auditorJql).toBe(
      'project in ("CHG") AND issuetype in ("Change") AND assignee is EMPTY AND created >= 1792152000000',
    );
  });

  it('wraps a JQL scope in parentheses and drops its ORDER BY', () => {
    const jqlScope = scope({ jql: 'project = CHG OR labels = change ORDER BY created DESC' });
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          scopes: { change_management: jqlScope },
          issues: { change_management: [issue('CHG-1')] },
        }),
      ),
    );

    expect(result.auditorJql).toBe(
      `(project = CHG OR labels = change) AND assignee is EMPTY AND created >= ${WINDOW_START_90}`,
    );
  });

  it('is not evaluated when no change-management scope is configured', () => {
    const result = checkTicketHasAssignee(snapshot(connection()));

    expect(result.status).toBe('not_evaluated');
    expect(result.reason).toBe(
      'No change-management scope is configured; give a connection the change_management purpose and a scope ' +
        'that says which tickets are changes.',
    );
    expect(result.auditorJql).toBeNull();
  });

  it('is not evaluated, naming the site, when no sync has completed', () => {
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          lastCompletedSyncRun: null,
          lastSyncRun: syncRun('run-1', { status: 'running', finishedAt: null }),
          scopes: { change_management: changeScope() },
        }),
      ),
    );

    expect(result.status).toBe('not_evaluated');
    expect(result.reason).toBe(
      'Change tickets could not be checked: acme.atlassian.net: no sync has completed yet.',
    );
    expect(result.syncRunIds).toEqual([]);
    expect(result.scopeVersions).toEqual({ 'conn-1': 1 });
  });

  it('is not evaluated while the newest scope version has not been fully synced', () => {
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          scopes: { change_management: changeScope({}, { version: 3, lastFullSyncAt: null }) },
          issues: { change_management: [] },
        }),
      ),
    );

    expect(result.status).toBe('not_evaluated');
    expect(result.reason).toBe(
      'Change tickets could not be checked: acme.atlassian.net: scope version 3 has not been fully synced yet.',
    );
  });

  it('is not evaluated, never passing, when the last sync could not read the issues', () => {
    const problem = {
      resource: 'issues:change_management',
      code: 'JIRA_FORBIDDEN',
      message: 'no Browse projects',
    };
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          lastCompletedSyncRun: syncRun('run-1', { status: 'partial', problems: [problem] }),
          problems: [problem],
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1')] },
        }),
      ),
    );

    expect(result.status).toBe('not_evaluated');
    expect(result.reason).toBe(
      'Change tickets could not be checked: acme.atlassian.net: the last sync could not read its issues (JIRA_FORBIDDEN).',
    );
  });

  it('still evaluates when the last sync could not read something unrelated (groups)', () => {
    const problem = { resource: 'groups', code: 'JIRA_FORBIDDEN', message: 'needs Browse users and groups' };
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          problems: [problem],
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1')] },
        }),
      ),
    );

    expect(result.status).toBe('passing');
  });

  it('fails on one site even when another cannot be evaluated, and gives one JQL per site', () => {
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1', { assigneeAccountId: null })] },
        }),
        connection({
          id: 'conn-2',
          site: 'beta.atlassian.net',
          scopes: { change_management: scope({ projects: ['OPS'], issueTypes: ['Change Request'] }) },
          issues: { change_management: [issue('OPS-1')] },
        }),
        connection({
          id: 'conn-3',
          site: 'gamma.atlassian.net',
          lastCompletedSyncRun: null,
          scopes: { change_management: changeScope() },
        }),
      ),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      '1 of 2 change tickets created in the last 90 days has no assignee: CHG-1 ' +
        '(not evaluated: gamma.atlassian.net: no sync has completed yet); assign an owner to each.',
    );
    expect(result.auditorJql).toBeNull();
    expect(result.summary.auditorJqlBySite).toEqual({
      'acme.atlassian.net': `project in ("CHG") AND issuetype in ("Change") AND assignee is EMPTY AND created >= ${WINDOW_START_90}`,
      'beta.atlassian.net': `project in ("OPS") AND issuetype in ("Change Request") AND assignee is EMPTY AND created >= ${WINDOW_START_90}`,
    });
    expect(result.syncRunIds).toEqual(['run-conn-1', 'run-conn-2']);
    expect(result.scopeVersions).toEqual({ 'conn-1': 1, 'conn-2': 1, 'conn-3': 1 });
  });

  it('joins two connections on one site into one JQL with OR', () => {
    const result = checkTicketHasAssignee(
      snapshot(
        connection({ scopes: { change_management: changeScope() }, issues: { change_management: [] } }),
        connection({
          id: 'conn-2',
          scopes: { change_management: scope({ jql: 'labels = change' }) },
          issues: { change_management: [] },
        }),
      ),
    );

    expect(result.auditorJql).toBe(
      `(project in ("CHG") AND issuetype in ("Change") AND assignee is EMPTY AND created >= ${WINDOW_START_90}) OR ` +
        `((labels = change) AND assignee is EMPTY AND created >= ${WINDOW_START_90})`,
    );
  });

  it('leaves out disconnected connections and connections without the purpose', () => {
    const result = checkTicketHasAssignee(
      snapshot(
        connection({
          status: 'disconnected',
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-1', { assigneeAccountId: null })] },
        }),
        connection({
          id: 'conn-2',
          purposes: ['incident_management'],
          scopes: { change_management: changeScope() },
          issues: { change_management: [issue('CHG-2', { assigneeAccountId: null })] },
        }),
      ),
    );

    expect(result.status).toBe('not_evaluated');
    expect(result.failingEntities).toEqual([]);
  });

  it('lists five keys in the reason and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) =>
      issue(`CHG-${i + 1}`, { assigneeAccountId: null, createdAt: daysAgo(10 - i) }),
    );
    const result = checkTicketHasAssignee(withChangeIssues(issues));

    expect(result.reason).toBe(
      '7 of 7 change tickets created in the last 90 days have no assignee: CHG-1, CHG-2, CHG-3, CHG-4, CHG-5 ' +
        'and 2 more; assign an owner to each.',
    );
    expect(result.failingEntities).toHaveLength(7);
  });
});
