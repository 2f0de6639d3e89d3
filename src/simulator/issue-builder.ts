import { API_USER_TIME_ZONE } from './scenario-people.js';
import { formatJiraTimestamp } from './jira-time.js';
import type {
  AdfDocument,
  JiraIssue,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraResolution,
  JiraStatus,
  JiraUser,
} from './types.js';

/** Everything an issue is made of, with instants as Dates; `buildIssue` turns it into Jira's JSON. */
export interface IssueSpec {
  id: string;
  key: string;
  project: JiraProject;
  issueType: JiraIssueType;
  status: JiraStatus;
  summary: string;
  description: string | null;
  assignee: JiraUser | null;
  reporter: JiraUser | null;
  priority: JiraPriority | null;
  labels: string[];
  resolution: JiraResolution | null;
  created: Date;
  updated: Date;
  resolved: Date | null;
  statusChanged: Date;
}

export const ISSUE_EXPAND =
  'operations,versionedRepresentations,editmeta,changelog,customfield_10010.requestTypePractice,renderedFields';

/**
 * Timestamps are written in the time zone of the person behind them (the reporter for `created`, the
 * assignee or reporter for later events), so one result page mixes offsets like -0500, +0100 and +0530.
 */
export function timeZoneOf(user: JiraUser | null): string {
  return user?.timeZone ?? API_USER_TIME_ZONE;
}

export function buildIssue(siteUrl: string, spec: IssueSpec): JiraIssue {
  const createdZone = timeZoneOf(spec.reporter);
  const laterZone = timeZoneOf(spec.assignee ?? spec.reporter);
  const { project } = spec;

  return {
    expand: ISSUE_EXPAND,
    id: spec.id,
    self: `${siteUrl}/rest/api/3/issue/${spec.id}`,
    key: spec.key,
    fields: {
      summary: spec.summary,
      description: spec.description === null ? null : adf(spec.description),
      status: structuredClone(spec.status),
      statuscategorychangedate: formatJiraTimestamp(spec.statusChanged, laterZone),
      issuetype: structuredClone(spec.issueType),
      project: {
        self: project.self,
        id: project.id,
        key: project.key,
        name: project.name,
        projectTypeKey: project.projectTypeKey,
        simplified: project.simplified,
        avatarUrls: { ...project.avatarUrls },
      },
      assignee: spec.assignee ? issueUser(spec.assignee) : null,
      reporter: spec.reporter ? issueUser(spec.reporter) : null,
      creator: spec.reporter ? issueUser(spec.reporter) : null,
      priority: spec.priority ? { ...spec.priority } : null,
      labels: [...spec.labels],
      resolution: spec.resolution ? { ...spec.resolution } : null,
      created: formatJiraTimestamp(spec.created, createdZone),
      updated: formatJiraTimestamp(spec.updated, laterZone),
      resolutiondate: spec.resolved ? formatJiraTimestamp(spec.resolved, laterZone) : null,
    },
  };
}

/** Users inside issue fields carry no `locale`. */
export function issueUser(user: JiraUser): JiraUser {
  const { locale: _locale, ...rest } = user;
  return structuredClone(rest);
}

function adf(text: string): AdfDocument {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}
