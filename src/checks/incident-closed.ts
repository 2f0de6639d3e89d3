import { before, notEq } from '../jira/jql.js';
import { auditorJqlBySite, scopeQuery, singleSiteJql } from './auditor-jql.js';
import { byCreatedThenKey, countOf, failingIssue, listKeys } from './failing-issue.js';
import { readCheckOption } from './options.js';
import { describeUnevaluable, scopedIssues, scopeVersionsOf, syncRunIdsOf } from './scoped-issues.js';
import { ageInDays, daysBefore, formatDays } from './time.js';
import type { CheckDefinition, CheckResult, CheckSnapshot, FailingIssue, IssueSnapshot } from './types.js';

const id = 'incident_management.incident_closed';
const name = 'Reported incident should be closed in Jira';

/**
 * Fails for every incident in scope that is still open after the allowed resolution time
 * (`resolutionDays` of the scope, default 30): created more than that many days ago. With 0, every open
 * incident fails, however young.
 *
 * "Open" means the status category is not `done`. Status names are never compared: workflows name their
 * final status "Closed", "Mitigated" or something localized, and the category is what Jira itself uses.
 * A status without a category (`undefined`) counts as open.
 */
export function checkIncidentClosed(snapshot: CheckSnapshot): CheckResult {
  const { evaluable, unevaluable } = scopedIssues(snapshot, 'incident_management');

  const looked = evaluable.map((s) => {
    const resolutionDays = readCheckOption('incident_management', s.scope, 'resolutionDays');
    const deadline = daysBefore(snapshot.now, resolutionDays);
    const open = s.issues.filter(isOpen);
    const overdue = open.filter((i) => resolutionDays === 0 || i.createdAt.getTime() < deadline.getTime());
    const criteria = [
      notEq('statusCategory', 'Done'),
      ...(resolutionDays > 0 ? [before('created', deadline)] : []),
    ];
    return {
      ...s,
      resolutionDays,
      open,
      overdue: overdue.sort(byCreatedThenKey),
      query: scopeQuery(s.scope.definition, ...criteria),
    };
  });

  const failingEntities: FailingIssue[] = looked.flatMap((l) =>
    l.overdue.map((i) => failingIssue(l.connection, i, describeOpen(i, snapshot.now))),
  );
  const jqlBySite = auditorJqlBySite(looked.map((l) => ({ site: l.connection.site, query: l.query })));
  const incidents = looked.reduce((n, l) => n + l.issues.length, 0);
  const open = looked.reduce((n, l) => n + l.open.length, 0);
  const wording = allowedWording(looked.map((l) => l.resolutionDays));

  const base = {
    checkId: id,
    name,
    evaluatedAt: snapshot.now,
    syncRunIds: syncRunIdsOf(evaluable),
    scopeVersions: scopeVersionsOf([...evaluable, ...unevaluable]),
    failingEntities,
    auditorJql: singleSiteJql(jqlBySite),
    summary: {
      incidentsInScope: incidents,
      openIncidents: open,
      overdueIncidents: failingEntities.length,
      scopes: looked.map((l) => ({
        connectionId: l.connection.id,
        site: l.connection.site,
        scopeVersion: l.scope.version,
        resolutionDays: l.resolutionDays,
        incidentsInScope: l.issues.length,
        openIncidents: l.open.length,
        overdueIncidents: l.overdue.length,
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
    const alsoUnknown = unevaluable.length > 0 ? ` (not evaluated: ${describeUnevaluable(unevaluable)})` : '';
    return {
      ...base,
      status: 'failing',
      reason:
        `${failingEntities.length} of ${countOf(open, 'open incident')} ${wording.overdue(failingEntities.length)}: ` +
        `${listKeys(failingEntities.map((e) => e.key))}${alsoUnknown}; resolve each one (move it to a status ` +
        'in the Done category).',
    };
  }

  if (evaluable.length === 0 && unevaluable.length === 0) {
    return {
      ...base,
      status: 'not_evaluated',
      reason:
        'No incident-management scope is configured; give a connection the incident_management purpose ' +
        'and a scope that says which tickets are incidents.',
    };
  }

  if (unevaluable.length > 0) {
    return {
      ...base,
      status: 'not_evaluated',
      reason: `Incidents could not be checked: ${describeUnevaluable(unevaluable)}.`,
    };
  }

  return {
    ...base,
    status: 'passing',
    reason: `${wording.noneOverdue} (${countOf(incidents, 'incident')} in scope, ${open} open).`,
  };
}

/** Open unless the status category is `done`; a missing or `undefined` category is open. */
function isOpen(issue: IssueSnapshot): boolean {
  return issue.statusCategoryKey !== 'done';
}

function describeOpen(issue: IssueSnapshot, now: Date): string {
  const status = issue.statusName ? `status ${issue.statusName}` : 'a status without a name';
  const category = issue.statusCategoryKey ?? 'none';
  return `open for ${formatDays(ageInDays(now, issue.createdAt))} in ${status} (category ${category})`;
}

/** How the allowed resolution time reads in a reason: one value, 0, or several scopes' values. */
function allowedWording(days: number[]): { overdue: (count: number) => string; noneOverdue: string } {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  const only = distinct[0] ?? 0;

  if (distinct.length > 1) {
    return {
      overdue: (n) =>
        `${n === 1 ? 'is' : 'are'} open past their scope's resolution time (${distinct.join(', ')} days)`,
      noneOverdue: `No incident is open past its scope's resolution time (${distinct.join(', ')} days)`,
    };
  }
  if (only === 0) {
    return {
      overdue: (n) => `${n === 1 ? 'is' : 'are'} open, and no resolution time is allowed (0 days)`,
      noneOverdue: 'No incident is open, as required with no resolution time allowed (0 days)',
    };
  }
  return {
    overdue: (n) => `${n === 1 ? 'has' : 'have'} been open for more than ${formatDays(only)}`,
    noneOverdue: `No incident has been open for more than ${formatDays(only)}`,
  };
}

export const incidentClosed: CheckDefinition = { id, name, evaluate: checkIncidentClosed };
