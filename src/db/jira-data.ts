import { sql, type Kysely } from 'kysely';
import type { JiraIssueRecord } from '../jira/issue-record.js';
import type { Database } from './schema.js';

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string | null;
}

export interface StatusRecord {
  id: string;
  name: string;
  categoryKey: string;
}

/** The normalised issue the sync stores, as the Jira client produces it from a search page. */
export type IssueRecord = JiraIssueRecord;

export async function upsertProjects(
  db: Kysely<Database>,
  connectionId: string,
  projects: ProjectRecord[],
  syncedAt: Date,
): Promise<void> {
  if (projects.length === 0) return;
  await db
    .insertInto('projects')
    .values(
      projects.map((p) => ({
        connection_id: connectionId,
        jira_id: p.id,
        key: p.key,
        name: storable(p.name),
        project_type_key: p.projectTypeKey,
        synced_at: syncedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['connection_id', 'jira_id']).doUpdateSet({
        key: (eb) => eb.ref('excluded.key'),
        name: (eb) => eb.ref('excluded.name'),
        project_type_key: (eb) => eb.ref('excluded.project_type_key'),
        synced_at: (eb) => eb.ref('excluded.synced_at'),
      }),
    )
    .execute();
}

export async function upsertStatuses(
  db: Kysely<Database>,
  connectionId: string,
  statuses: StatusRecord[],
  syncedAt: Date,
): Promise<void> {
  if (statuses.length === 0) return;
  await db
    .insertInto('statuses')
    .values(
      statuses.map((s) => ({
        connection_id: connectionId,
        jira_id: s.id,
        name: storable(s.name),
        category_key: s.categoryKey,
        synced_at: syncedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['connection_id', 'jira_id']).doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        category_key: (eb) => eb.ref('excluded.category_key'),
        synced_at: (eb) => eb.ref('excluded.synced_at'),
      }),
    )
    .execute();
}

/**
 * Writes one page of issues and links them to the scope that found them, in one transaction, so a page
 * is either stored whole or not at all. Upserts by Jira's immutable id; an older copy never overwrites a
 * newer one (a retried page may arrive after a later sync wrote the same issue).
 */
export async function upsertIssuePage(
  db: Kysely<Database>,
  page: { connectionId: string; scopeId: string; syncRunId: string; syncedAt: Date; issues: IssueRecord[] },
): Promise<void> {
  if (page.issues.length === 0) return;

  // A page can, rarely, list an issue twice (Jira's search is eventually consistent); keep the newest.
  const byId = new Map<string, IssueRecord>();
  for (const issue of page.issues) {
    const seen = byId.get(issue.id);
    if (!seen || seen.updated.getTime() <= issue.updated.getTime()) byId.set(issue.id, issue);
  }
  const issues = [...byId.values()];

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('issues')
      .values(
        issues.map((i) => ({
          connection_id: page.connectionId,
          jira_id: i.id,
          key: i.key,
          project_id: i.projectId,
          project_key: i.projectKey,
          issue_type_id: i.issueTypeId,
          issue_type_name: storable(i.issueTypeName),
          summary: storable(i.summary),
          status_id: i.statusId,
          status_name: storable(i.statusName),
          status_category_key: i.statusCategoryKey,
          assignee_account_id: i.assigneeAccountId,
          assignee_display_name: storable(i.assigneeDisplayName),
          priority_name: storable(i.priorityName),
          labels: JSON.stringify(i.labels.map(storable)),
          created_at: i.created,
          updated_at: i.updated,
          resolved_at: i.resolved,
          synced_at: page.syncedAt,
          sync_run_id: page.syncRunId,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'jira_id'])
          .doUpdateSet({
            key: (eb) => eb.ref('excluded.key'),
            project_id: (eb) => eb.ref('excluded.project_id'),
            project_key: (eb) => eb.ref('excluded.project_key'),
            issue_type_id: (eb) => eb.ref('excluded.issue_type_id'),
            issue_type_name: (eb) => eb.ref('excluded.issue_type_name'),
            summary: (eb) => eb.ref('excluded.summary'),
            status_id: (eb) => eb.ref('excluded.status_id'),
            status_name: (eb) => eb.ref('excluded.status_name'),
            status_category_key: (eb) => eb.ref('excluded.status_category_key'),
            assignee_account_id: (eb) => eb.ref('excluded.assignee_account_id'),
            assignee_display_name: (eb) => eb.ref('excluded.assignee_display_name'),
            priority_name: (eb) => eb.ref('excluded.priority_name'),
            labels: (eb) => eb.ref('excluded.labels'),
            created_at: (eb) => eb.ref('excluded.created_at'),
            updated_at: (eb) => eb.ref('excluded.updated_at'),
            resolved_at: (eb) => eb.ref('excluded.resolved_at'),
            synced_at: (eb) => eb.ref('excluded.synced_at'),
            sync_run_id: (eb) => eb.ref('excluded.sync_run_id'),
          })
          .where(sql<boolean>`issues.updated_at <= excluded.updated_at`),
      )
      .execute();

    await trx
      .insertInto('scope_issues')
      .values(
        issues.map((i) => ({
          scope_id: page.scopeId,
          connection_id: page.connectionId,
          issue_jira_id: i.id,
        })),
      )
      .onConflict((oc) => oc.columns(['scope_id', 'issue_jira_id']).doNothing())
      .execute();
  });
}

export async function countIssues(db: Kysely<Database>, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom('issues')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * PostgreSQL cannot store the NUL character, and Jira text (summaries, names) is typed by people and
 * apps: drop it rather than fail the whole page.
 */
function storable<T extends string | null>(text: T): T {
  return (text === null ? null : text.replaceAll('\u0000', '')) as T;
}
