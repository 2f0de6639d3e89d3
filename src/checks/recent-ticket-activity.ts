import { orderBy } from '../jira/jql.js';
import { auditorJqlBySite, scopeQuery, singleSiteJql } from './auditor-jql.js';
import { issueUrl } from './failing-issue.js';
import { readCheckOption } from './options.js';
import {
  changeTicketsNotEvaluated,
  scopedIssues,
  scopeVersionsOf,
  syncRunIdsOf,
  type EvaluableScope,
} from './scoped-issues.js';
import { ageInDays, daysBefore, formatDays, utcDate } from './time.js';
import type { CheckDefinition, CheckResult, CheckSnapshot, IssueSnapshot } from './types.js';

const id = 'change_management.recent_ticket_activity';
const name = 'No new change management tickets were added in over 30 days';

interface Newest {
  scope: EvaluableScope;
  issue: IssueSnapshot | null;
  maxDays: number;
  recent: boolean;
}

/**
 * Passes when some change scope has a ticket created within its `maxDaysWithoutNewTicket` (default 30;
 * a ticket exactly that old still counts). A long silence suggests changes are made without tickets.
 *
 * The failure is an absence, so no issue is to blame: `failingEntities` stays empty and the newest
 * ticket, which the reason names, is in `summary.newestTicket`. The auditor JQL lists the scope's
 * tickets newest first, which shows that same ticket on top.
 */
export function checkRecentTicketActivity(snapshot: CheckSnapshot): CheckResult {
  const { evaluable, unevaluable } = scopedIssues(snapshot, 'change_management');

  const newest: Newest[] = evaluable.map((scope) => {
    const maxDays = readCheckOption('change_management', scope.scope, 'maxDaysWithoutNewTicket');
    const issue = newestIssue(scope.issues);
    const recent = issue !== null && issue.createdAt.getTime() >= daysBefore(snapshot.now, maxDays).getTime();
    return { scope, issue, maxDays, recent };
  });
  const overall = newestOverall(newest);
  const maxDays = Math.max(...newest.map((n) => n.maxDays), 0);

  const jqlBySite = auditorJqlBySite(
    evaluable.map((s) => ({ site: s.connection.site, query: scopeQuery(s.scope.definition) })),
    (query) => orderBy(query, 'created', 'DESC'),
  );
  const newestTicket = overall?.issue
    ? {
        connectionId: overall.scope.connection.id,
        site: overall.scope.connection.site,
        key: overall.issue.key,
        url: issueUrl(overall.scope.connection.site, overall.issue.key),
        createdAt: overall.issue.createdAt.toISOString(),
        ageDays: ageInDays(snapshot.now, overall.issue.createdAt),
      }
    : null;

  const base = {
    checkId: id,
    name,
    evaluatedAt: snapshot.now,
    syncRunIds: syncRunIdsOf(evaluable),
    scopeVersions: scopeVersionsOf([...evaluable, ...unevaluable]),
    failingEntities: [],
    auditorJql: singleSiteJql(jqlBySite),
    summary: {
      newestTicket,
      scopes: newest.map((n) => ({
        connectionId: n.scope.connection.id,
        site: n.scope.connection.site,
        scopeVersion: n.scope.scope.version,
        maxDaysWithoutNewTicket: n.maxDays,
        ticketsInScope: n.scope.issues.length,
        newestKey: n.issue?.key ?? null,
        newestCreatedAt: n.issue?.createdAt.toISOString() ?? null,
      })),
      notEvaluated: unevaluable.map((u) => ({
        connectionId: u.connection.id,
        site: u.connection.site,
        why: u.why,
      })),
      auditorJqlBySite: jqlBySite,
    },
  };

  const recent = newestOverall(newest.filter((n) => n.recent));
  if (recent?.issue) {
    return {
      ...base,
      status: 'passing',
      reason:
        `The newest change ticket, ${recent.issue.key}, was created ${utcDate(recent.issue.createdAt)} ` +
        `(${formatDays(ageInDays(snapshot.now, recent.issue.createdAt))} ago, within ${formatDays(recent.maxDays)}).`,
    };
  }

  const notEvaluated = changeTicketsNotEvaluated({ evaluable, unevaluable });
  if (notEvaluated) return { ...base, ...notEvaluated };

  return {
    ...base,
    status: 'failing',
    reason: overall?.issue
      ? `The newest change ticket, ${overall.issue.key}, was created ${utcDate(overall.issue.createdAt)}, ` +
        `${formatDays(ageInDays(snapshot.now, overall.issue.createdAt))} ago (allowed: ${formatDays(maxDays)}); ` +
        'make sure changes are recorded as tickets in scope.'
      : 'There are no change tickets in scope (0 tickets); make sure changes are recorded as tickets in ' +
        'the configured scope, or correct the scope.',
  };
}

function newestIssue(issues: readonly IssueSnapshot[]): IssueSnapshot | null {
  let newest: IssueSnapshot | null = null;
  for (const issue of issues) {
    if (!newest || issue.createdAt.getTime() > newest.createdAt.getTime()) newest = issue;
  }
  return newest;
}

function newestOverall(newest: readonly Newest[]): Newest | null {
  let best: Newest | null = null;
  for (const n of newest) {
    if (n.issue && (!best?.issue || n.issue.createdAt.getTime() > best.issue.createdAt.getTime())) best = n;
  }
  return best;
}

export const recentTicketActivity: CheckDefinition = { id, name, evaluate: checkRecentTicketActivity };
