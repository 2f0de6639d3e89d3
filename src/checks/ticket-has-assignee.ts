import { isEmpty, onOrAfter } from '../jira/jql.js';
import { auditorJqlBySite, scopeQuery, singleSiteJql } from './auditor-jql.js';
import { byCreatedThenKey, countOf, failingIssue, listKeys } from './failing-issue.js';
import { readCheckOption } from './options.js';
import {
  changeTicketsNotEvaluated,
  describeUnevaluable,
  scopedIssues,
  scopeVersionsOf,
  syncRunIdsOf,
} from './scoped-issues.js';
import { daysBefore, formatDays, utcDate } from './time.js';
import type { CheckDefinition, CheckResult, CheckSnapshot, FailingIssue, IssueSnapshot } from './types.js';

const id = 'change_management.ticket_has_assignee';
const name = 'Change management ticket should have an assignee';

/**
 * Every change ticket in scope created within the review window (`reviewWindowDays` of the scope,
 * default 90; a ticket created exactly that long ago is inside) must have an assignee. A scope that
 * cannot be read completely makes the result `not_evaluated`, unless another scope already shows a
 * ticket without an assignee: the failure is certain either way.
 */
export function checkTicketHasAssignee(snapshot: CheckSnapshot): CheckResult {
  const { evaluable, unevaluable } = scopedIssues(snapshot, 'change_management');

  const looked = evaluable.map((s) => {
    const windowDays = readCheckOption('change_management', s.scope, 'reviewWindowDays');
    const windowStart = daysBefore(snapshot.now, windowDays);
    const inWindow = s.issues.filter((i) => i.createdAt.getTime() >= windowStart.getTime());
    const unassigned = inWindow.filter(hasNoAssignee).sort(byCreatedThenKey);
    const query = scopeQuery(s.scope.definition, isEmpty('assignee'), onOrAfter('created', windowStart));
    return { ...s, windowDays, windowStart, inWindow, unassigned, query };
  });

  const failingEntities: FailingIssue[] = looked.flatMap((l) =>
    l.unassigned.map((i) => failingIssue(l.connection, i, `created ${utcDate(i.createdAt)}, no assignee`)),
  );
  const jqlBySite = auditorJqlBySite(looked.map((l) => ({ site: l.connection.site, query: l.query })));
  const inWindow = looked.reduce((n, l) => n + l.inWindow.length, 0);
  const window = describeWindows(looked.map((l) => l.windowDays));

  const base = {
    checkId: id,
    name,
    evaluatedAt: snapshot.now,
    syncRunIds: syncRunIdsOf(evaluable),
    scopeVersions: scopeVersionsOf([...evaluable, ...unevaluable]),
    failingEntities,
    auditorJql: singleSiteJql(jqlBySite),
    summary: {
      ticketsInWindow: inWindow,
      ticketsWithoutAssignee: failingEntities.length,
      scopes: looked.map((l) => ({
        connectionId: l.connection.id,
        site: l.connection.site,
        scopeVersion: l.scope.version,
        reviewWindowDays: l.windowDays,
        windowStart: l.windowStart.toISOString(),
        ticketsInScope: l.issues.length,
        ticketsInWindow: l.inWindow.length,
        ticketsWithoutAssignee: l.unassigned.length,
      })),
      notEvaluated: unevaluable.map((u) => ({
        connectionId: u.connection.id,
        site: u.connection.site,
        why: u.why,
      })),
      auditorJqlBySite: jqlBySite,
    },
  };

  if (failingEntities.length > 0) {
    const keys = listKeys(failingEntities.map((e) => e.key));
    const alsoUnknown = unevaluable.length > 0 ? ` (not evaluated: ${describeUnevaluable(unevaluable)})` : '';
    return {
      ...base,
      status: 'failing',
      reason:
        `${failingEntities.length} of ${countOf(inWindow, 'change ticket')} created ${window} ` +
        `${failingEntities.length === 1 ? 'has' : 'have'} no assignee: ${keys}${alsoUnknown}; assign an owner to each.`,
    };
  }

  const notEvaluated = changeTicketsNotEvaluated({ evaluable, unevaluable });
  if (notEvaluated) return { ...base, ...notEvaluated };

  return {
    ...base,
    status: 'passing',
    reason:
      inWindow === 0
        ? `No change tickets were created ${window} (0 in the review window), so none lacks an assignee.`
        : inWindow === 1
          ? `The 1 change ticket created ${window} has an assignee.`
          : `All ${inWindow} change tickets created ${window} have an assignee.`,
  };
}

function hasNoAssignee(issue: IssueSnapshot): boolean {
  return !issue.assigneeAccountId;
}

/** `in the last 90 days`, or `in their review windows (30–90 days)` when scopes differ. */
function describeWindows(days: number[]): string {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  if (distinct.length <= 1) return `in the last ${formatDays(distinct[0] ?? 0)}`;
  return `in their review windows (${distinct[0]}–${formatDays(distinct[distinct.length - 1] ?? 0)})`;
}

export const ticketHasAssignee: CheckDefinition = { id, name, evaluate: checkTicketHasAssignee };
