/**
 * Jira Cloud JSON shapes as the simulator serves them, and the scenario that holds them. The scenario is
 * plain data on purpose: tests compute what they expect from it without going through the simulator.
 */

export type AvatarUrls = Record<'48x48' | '24x24' | '16x16' | '32x32', string>;

/** A user as `/myself` and issue fields show it; `emailAddress`, `timeZone` and `locale` may be absent. */
export interface JiraUser {
  self: string;
  accountId: string;
  accountType: 'atlassian' | 'app' | 'customer' | 'unknown';
  emailAddress?: string;
  avatarUrls: AvatarUrls;
  displayName: string;
  active: boolean;
  timeZone?: string;
  locale?: string;
}

export type StatusCategoryKey = 'undefined' | 'new' | 'indeterminate' | 'done';

export interface JiraStatusCategory {
  self: string;
  id: number;
  key: StatusCategoryKey;
  colorName: string;
  name: string;
}

/** `StatusDetails` of `/rest/api/3/status` and of an issue's `status` field. */
export interface JiraStatus {
  self: string;
  description: string;
  iconUrl: string;
  name: string;
  untranslatedName: string;
  id: string;
  statusCategory: JiraStatusCategory;
}

export interface JiraIssueType {
  self: string;
  id: string;
  description: string;
  iconUrl: string;
  name: string;
  subtask: boolean;
  avatarId: number;
  hierarchyLevel: number;
}

export interface JiraPriority {
  self: string;
  iconUrl: string;
  name: string;
  id: string;
}

export interface JiraProjectCategory {
  self: string;
  id: string;
  name: string;
  description: string;
}

/** A project as `/rest/api/3/project/search` lists it (without the `insight` expansion). */
export interface JiraProject {
  expand: string;
  self: string;
  id: string;
  key: string;
  name: string;
  avatarUrls: AvatarUrls;
  projectCategory?: JiraProjectCategory;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  simplified: boolean;
  style: 'classic' | 'next-gen';
  isPrivate: boolean;
  properties: Record<string, never>;
}

/** The project reference inside an issue's fields. */
export interface JiraIssueProject {
  self: string;
  id: string;
  key: string;
  name: string;
  projectTypeKey: JiraProject['projectTypeKey'];
  simplified: boolean;
  avatarUrls: AvatarUrls;
}

export interface JiraResolution {
  self: string;
  id: string;
  description: string;
  name: string;
}

/** Atlassian Document Format, reduced to what the scenario writes. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: { type: 'paragraph'; content: { type: 'text'; text: string }[] }[];
}

/** The fields the simulator knows; timestamps are Jira's `2024-03-12T12:47:09.993-0400` form. */
export interface JiraIssueFields {
  summary: string;
  description: AdfDocument | null;
  status: JiraStatus;
  statuscategorychangedate: string;
  issuetype: JiraIssueType;
  project: JiraIssueProject;
  assignee: JiraUser | null;
  reporter: JiraUser | null;
  creator: JiraUser | null;
  priority: JiraPriority | null;
  labels: string[];
  resolution: JiraResolution | null;
  created: string;
  updated: string;
  resolutiondate: string | null;
}

export interface JiraIssue {
  expand: string;
  id: string;
  self: string;
  key: string;
  fields: JiraIssueFields;
}

/** One e-mail and API token pair the simulator accepts with HTTP Basic auth. */
export interface ScenarioLogin {
  email: string;
  apiToken: string;
  accountId: string;
}

/** A global permission key `/mypermissions` knows. */
export type GlobalPermissionKey = 'ADMINISTER' | 'SYSTEM_ADMIN' | 'USER_PICKER' | 'CREATE_SHARED_OBJECTS';

export interface JiraScenario {
  /** The site the Jira-shaped data points at; the simulator serves it under its own base URL instead. */
  siteUrl: string;
  cloudId: string;
  serverTitle: string;
  /** The instant the scenario was generated around (ISO-8601 UTC). */
  now: string;
  seed: number;
  /** The API user's login (the compliance bot). */
  credentials: ScenarioLogin;
  /** Every login the simulator accepts, `credentials` first. */
  logins: ScenarioLogin[];
  /** Global permissions held, by accountId; anything absent is not held. */
  globalPermissions: Record<string, GlobalPermissionKey[]>;
  users: JiraUser[];
  statusCategories: JiraStatusCategory[];
  statuses: JiraStatus[];
  issueTypes: JiraIssueType[];
  priorities: JiraPriority[];
  resolutions: JiraResolution[];
  projects: JiraProject[];
  /** In creation order (ascending `id`). */
  issues: JiraIssue[];
}
