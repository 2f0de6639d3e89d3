import { buildIssue, issueUser, timeZoneOf } from './issue-builder.js';
import { indexIssue, type IndexedIssue } from './indexed-issue.js';
import { formatJiraTimestamp } from './jira-time.js';
import type { JiraIssue, JiraScenario, JiraStatus, JiraUser } from './types.js';

/** A change to an existing issue, as a person would make it in Jira. Every change bumps `updated`. */
export interface IssueChanges {
  /** Moves the issue to this status (name, any case, or id); entering or leaving "done" sets or clears the resolution. */
  status?: string;
  /** An accountId, or null to unassign. */
  assigneeAccountId?: string | null;
  summary?: string;
  labels?: string[];
  /** A priority name or id, or null. */
  priority?: string | null;
  /** Moves the issue to another project: it keeps its id and gets a new key there. */
  projectKey?: string;
  /** When the change happened. @default the simulator's clock */
  at?: Date;
}

/** A new issue. Unset fields take what a person creating it in Jira would get. */
export interface NewIssue {
  projectKey: string;
  /** Issue type name (any case) or id. */
  issueType: string;
  summary: string;
  /** Status name or id. @default the workflow's first status for the type ("Awaiting CAB", "Offen", "To Do") */
  status?: string;
  /** @default null */
  assigneeAccountId?: string | null;
  /** @default the API user */
  reporterAccountId?: string;
  /** @default "Medium"; null for none */
  priority?: string | null;
  labels?: string[];
  description?: string | null;
  /** @default the simulator's clock */
  createdAt?: Date;
}

const INITIAL_STATUS_BY_TYPE: Record<string, string> = { change: 'Awaiting CAB', incident: 'Offen' };

/**
 * The simulator's live issues: the scenario's `issues` array, kept in step with an index that JQL
 * filters and sorts on. Mutations edit the Jira JSON in place, as Jira would show it afterwards.
 */
export class IssueStore {
  private readonly entries = new Map<string, IndexedIssue>();
  private readonly idByKey = new Map<string, string>();
  private readonly lastNumber = new Map<string, number>();
  private lastId = 10000;

  constructor(private readonly scenario: JiraScenario) {
    for (const issue of scenario.issues) this.track(issue);
  }

  /** Every issue, in id order. */
  all(): IndexedIssue[] {
    return [...this.entries.values()];
  }

  issueIdForKey(key: string): string | undefined {
    return this.idByKey.get(key.toUpperCase());
  }

  find(idOrKey: string): JiraIssue | undefined {
    const id = /^\d+$/.test(idOrKey) ? idOrKey : this.issueIdForKey(idOrKey);
    return id === undefined ? undefined : this.entries.get(id)?.issue;
  }

  update(idOrKey: string, changes: IssueChanges, now: Date): JiraIssue {
    const issue = this.require(idOrKey);
    const at = changes.at ?? now;
    const fields = issue.fields;

    if (changes.status !== undefined) this.moveToStatus(issue, this.status(changes.status), at);
    if (changes.assigneeAccountId !== undefined) {
      fields.assignee =
        changes.assigneeAccountId === null ? null : issueUser(this.user(changes.assigneeAccountId));
    }
    if (changes.summary !== undefined) fields.summary = changes.summary;
    if (changes.labels !== undefined) fields.labels = [...changes.labels];
    if (changes.priority !== undefined)
      fields.priority = changes.priority === null ? null : this.priority(changes.priority);
    if (changes.projectKey !== undefined) this.moveToProject(issue, changes.projectKey);
    fields.updated = formatJiraTimestamp(at, timeZoneOf(fields.assignee ?? fields.reporter));

    this.track(issue);
    return issue;
  }

  add(input: NewIssue, apiUserAccountId: string, now: Date): JiraIssue {
    const project = this.project(input.projectKey);
    const issueType = this.lookup(this.scenario.issueTypes, input.issueType, 'issue type', (t) => [
      t.name,
      t.id,
    ]);
    const status = this.status(
      input.status ?? INITIAL_STATUS_BY_TYPE[issueType.name.toLowerCase()] ?? 'To Do',
    );
    const created = input.createdAt ?? now;
    const resolved = status.statusCategory.key === 'done' ? created : null;
    const issue = buildIssue(this.scenario.siteUrl, {
      id: String(this.lastId + 1),
      key: `${project.key}-${(this.lastNumber.get(project.key) ?? 0) + 1}`,
      project,
      issueType,
      status,
      summary: input.summary,
      description: input.description ?? null,
      assignee: input.assigneeAccountId ? this.user(input.assigneeAccountId) : null,
      reporter: this.user(input.reporterAccountId ?? apiUserAccountId),
      priority: input.priority === null ? null : this.priority(input.priority ?? 'Medium'),
      labels: input.labels ?? [],
      resolution: resolved ? this.doneResolution() : null,
      created,
      updated: created,
      resolved,
      statusChanged: created,
    });

    this.scenario.issues.push(issue);
    this.track(issue);
    return issue;
  }

  remove(idOrKey: string): void {
    const issue = this.require(idOrKey);
    this.entries.delete(issue.id);
    this.idByKey.delete(issue.key.toUpperCase());
    this.scenario.issues.splice(this.scenario.issues.indexOf(issue), 1);
  }

  private track(issue: JiraIssue): void {
    const entry = indexIssue(issue);
    this.entries.set(issue.id, entry);
    this.idByKey.set(issue.key.toUpperCase(), issue.id);
    this.lastId = Math.max(this.lastId, entry.id);
    this.lastNumber.set(
      entry.projectKey,
      Math.max(this.lastNumber.get(entry.projectKey) ?? 0, entry.keyNumber),
    );
  }

  private moveToStatus(issue: JiraIssue, status: JiraStatus, at: Date): void {
    const fields = issue.fields;
    const zone = timeZoneOf(fields.assignee ?? fields.reporter);
    const wasDone = fields.status.statusCategory.key === 'done';
    const isDone = status.statusCategory.key === 'done';

    if (fields.status.statusCategory.key !== status.statusCategory.key) {
      fields.statuscategorychangedate = formatJiraTimestamp(at, zone);
    }
    fields.status = structuredClone(status);
    if (isDone && !wasDone) {
      fields.resolution = this.doneResolution();
      fields.resolutiondate = formatJiraTimestamp(at, zone);
    } else if (!isDone && wasDone) {
      fields.resolution = null;
      fields.resolutiondate = null;
    }
  }

  private moveToProject(issue: JiraIssue, projectKey: string): void {
    const project = this.project(projectKey);
    this.idByKey.delete(issue.key.toUpperCase());
    issue.key = `${project.key}-${(this.lastNumber.get(project.key) ?? 0) + 1}`;
    issue.fields.project = {
      self: project.self,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
      simplified: project.simplified,
      avatarUrls: { ...project.avatarUrls },
    };
  }

  private require(idOrKey: string): JiraIssue {
    const issue = this.find(idOrKey);
    if (!issue) throw new Error(`The simulator has no issue ${idOrKey}`);
    return issue;
  }

  private project(key: string) {
    return this.lookup(this.scenario.projects, key, 'project', (p) => [p.key, p.id]);
  }

  private status(nameOrId: string): JiraStatus {
    return this.lookup(this.scenario.statuses, nameOrId, 'status', (s) => [s.name, s.id]);
  }

  private priority(nameOrId: string) {
    return { ...this.lookup(this.scenario.priorities, nameOrId, 'priority', (p) => [p.name, p.id]) };
  }

  private user(accountId: string): JiraUser {
    return this.lookup(this.scenario.users, accountId, 'user', (u) => [u.accountId]);
  }

  private doneResolution() {
    return { ...this.lookup(this.scenario.resolutions, 'Done', 'resolution', (r) => [r.name]) };
  }

  private lookup<T>(items: readonly T[], value: string, what: string, names: (item: T) => string[]): T {
    const lower = value.toLowerCase();
    const item = items.find((candidate) => names(candidate).some((name) => name.toLowerCase() === lower));
    if (item === undefined) throw new Error(`The scenario has no ${what} "${value}"`);
    return item;
  }
}
