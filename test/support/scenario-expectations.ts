import type { JiraIssue, JiraScenario } from '../../src/simulator/index.js';

/**
 * What the checks must say about a scenario, worked out from the scenario's own Jira-shaped data with
 * nothing from the service: its own timestamp reading, its own filters.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads `2024-03-12T12:47:09.993-0400` without the service's parser. */
export function instant(jiraTimestamp: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/.exec(
    jiraTimestamp,
  );
  if (!match) throw new Error(`unexpected timestamp ${jiraTimestamp}`);
  const [, y, mo, d, h, mi, s, ms, sign, oh, om] = match;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!);
  const offset = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!) * 60_000;
  return local - offset;
}

function inScope(issue: JiraIssue, project: string, type: string): boolean {
  return issue.fields.project.key === project && issue.fields.issuetype.name === type;
}

export function unassignedRecentChanges(scenario: JiraScenario, now: number, windowDays = 90): string[] {
  return scenario.issues
    .filter((i) => inScope(i, 'CHG', 'Change'))
    .filter((i) => instant(i.fields.created) >= now - windowDays * DAY_MS)
    .filter((i) => i.fields.assignee === null)
    .map((i) => i.key)
    .sort();
}

export function newestChangeAgeDays(scenario: JiraScenario, now: number): number | null {
  const created = scenario.issues
    .filter((i) => inScope(i, 'CHG', 'Change'))
    .map((i) => instant(i.fields.created));
  return created.length === 0 ? null : (now - Math.max(...created)) / DAY_MS;
}

export function overdueOpenIncidents(scenario: JiraScenario, now: number, resolutionDays = 30): string[] {
  return scenario.issues
    .filter((i) => inScope(i, 'OPS', 'Incident'))
    .filter((i) => i.fields.status.statusCategory.key !== 'done')
    .filter((i) => instant(i.fields.created) < now - resolutionDays * DAY_MS)
    .map((i) => i.key)
    .sort();
}

export function issuesInScopes(scenario: JiraScenario): number {
  return scenario.issues.filter((i) => inScope(i, 'CHG', 'Change') || inScope(i, 'OPS', 'Incident')).length;
}
