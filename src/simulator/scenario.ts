import { buildIssue } from './issue-builder.js';
import {
  DEFAULT_SITE_URL,
  buildIssueTypes,
  buildPriorities,
  buildProjects,
  buildResolutions,
  buildStatusCategories,
  buildStatuses,
} from './scenario-catalog.js';
import { PEOPLE, buildGlobalPermissions, buildLogins, buildUser } from './scenario-people.js';
import { generateIssueDrafts } from './scenario-issues.js';
import { PLACED_ISSUE_COUNT } from './scenario-placed-issues.js';
import { SeededRandom } from './seeded-random.js';
import type { JiraIssue, JiraScenario, JiraUser } from './types.js';

export interface RealisticScenarioOptions {
  /** The instant the history is generated up to. @default new Date() */
  now?: Date;
  /** Same seed and `now`, same scenario. @default 20240312 */
  seed?: number;
  /** Issues in total; never fewer than the hand-placed ones (20). @default 600 */
  issueCount?: number;
  /** Extra archive-like projects without issues (keys A001, A002, …), to make project pages. @default 0 */
  extraProjectCount?: number;
  /** Whether the API user (compliance-bot) holds the global ADMINISTER permission. @default true */
  apiUserIsAdmin?: boolean;
}

/**
 * A deterministic Jira Cloud site of a company called Acme: change management (CHG, "Change"),
 * operations (OPS, "Incident" and "Task"), engineering (ENG), security (SEC, vulnerabilities labelled
 * `security-vulnerability`), a project whose key `IS` is a reserved JQL word, and a team-managed project.
 * Statuses carry custom names in every category; users sit in several time zones, so timestamps carry
 * offsets such as -0400, +0100 and +0530.
 */
export function createRealisticScenario(options: RealisticScenarioOptions = {}): JiraScenario {
  const now = options.now ?? new Date();
  const seed = options.seed ?? 20240312;
  const random = new SeededRandom(seed);
  const siteUrl = DEFAULT_SITE_URL;

  const users = Object.values(PEOPLE).map((person) => buildUser(siteUrl, person));
  const statusCategories = buildStatusCategories(siteUrl);
  const statuses = buildStatuses(siteUrl, statusCategories);
  const issueTypes = buildIssueTypes(siteUrl);
  const priorities = buildPriorities(siteUrl);
  const resolutions = buildResolutions(siteUrl);
  const projects = buildProjects(siteUrl, options.extraProjectCount ?? 0);
  const logins = buildLogins();

  const drafts = generateIssueDrafts(
    now.getTime(),
    random,
    Math.max(options.issueCount ?? 600, PLACED_ISSUE_COUNT),
  );
  const userByHandle = (handle: keyof typeof PEOPLE | null): JiraUser | null =>
    handle === null ? null : (users.find((user) => user.accountId === PEOPLE[handle].accountId) ?? null);
  const nextNumber = new Map<string, number>();
  const issues: JiraIssue[] = drafts.map((draft, index) => {
    const project = find(projects, (p) => p.key === draft.project, draft.project);
    const status = find(statuses, (s) => s.name === draft.status, draft.status);
    const number = (nextNumber.get(project.key) ?? 0) + 1;
    nextNumber.set(project.key, number);
    const resolutionName = draft.status === 'Rolled back' ? "Won't Do" : 'Done';

    return buildIssue(siteUrl, {
      id: String(10001 + index),
      key: `${project.key}-${number}`,
      project,
      issueType: find(issueTypes, (t) => t.name === draft.type, draft.type),
      status,
      summary: draft.summary,
      description: draft.description,
      assignee: userByHandle(draft.assignee),
      reporter: userByHandle(draft.reporter),
      priority:
        draft.priority === null ? null : find(priorities, (p) => p.name === draft.priority, draft.priority),
      labels: draft.labels,
      resolution:
        draft.resolvedMs === null
          ? null
          : find(resolutions, (r) => r.name === resolutionName, resolutionName),
      created: new Date(draft.createdMs),
      updated: new Date(draft.updatedMs),
      resolved: draft.resolvedMs === null ? null : new Date(draft.resolvedMs),
      statusChanged: new Date(draft.statusChangedMs),
    });
  });

  return {
    siteUrl,
    cloudId: 'b3c9a5e2-6f1d-4e8a-9c7b-2d4f6a8e0c1b',
    serverTitle: 'Acme Jira',
    now: now.toISOString(),
    seed,
    credentials: logins[0] as JiraScenario['credentials'],
    logins,
    globalPermissions: buildGlobalPermissions(options.apiUserIsAdmin ?? true),
    users,
    statusCategories,
    statuses,
    issueTypes,
    priorities,
    resolutions,
    projects,
    issues,
  };
}

function find<T>(items: readonly T[], predicate: (item: T) => boolean, name: string): T {
  const item = items.find(predicate);
  if (item === undefined) throw new Error(`Scenario refers to unknown ${name}`);
  return item;
}
