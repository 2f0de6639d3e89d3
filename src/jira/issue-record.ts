import type { JiraIssue } from './schemas.js';

/**
 * An issue flattened to what the sync stores and the checks read. Instants are Dates in UTC; an
 * unassigned issue has null assignee fields, an unresolved one a null `resolved`.
 */
export interface JiraIssueRecord {
  /** Jira's immutable id: the key changes when an issue moves to another project. */
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  issueTypeId: string;
  issueTypeName: string;
  summary: string;
  statusId: string;
  statusName: string;
  /** `new`, `indeterminate`, `done` or `undefined`; "closed" means `done`, whatever the status is named. */
  statusCategoryKey: string;
  assigneeAccountId: string | null;
  assigneeDisplayName: string | null;
  priorityName: string | null;
  labels: string[];
  created: Date;
  updated: Date;
  resolved: Date | null;
}

/** Flattens a validated issue (see jiraIssueSchema) into a record. */
export function toJiraIssueRecord(issue: JiraIssue): JiraIssueRecord {
  const fields = issue.fields;

  return {
    id: issue.id,
    key: issue.key,
    projectId: fields.project.id,
    projectKey: fields.project.key,
    issueTypeId: fields.issuetype.id,
    issueTypeName: fields.issuetype.name,
    summary: fields.summary,
    statusId: fields.status.id,
    statusName: fields.status.name,
    statusCategoryKey: fields.status.statusCategory.key,
    assigneeAccountId: fields.assignee?.accountId ?? null,
    assigneeDisplayName: fields.assignee?.displayName ?? null,
    priorityName: fields.priority?.name ?? null,
    labels: fields.labels,
    created: fields.created,
    updated: fields.updated,
    resolved: fields.resolutiondate,
  };
}
