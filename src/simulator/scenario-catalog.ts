import { createHash } from 'node:crypto';
import type {
  AvatarUrls,
  GlobalPermissionKey,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraResolution,
  JiraStatus,
  JiraStatusCategory,
  JiraUser,
  ScenarioLogin,
  StatusCategoryKey,
} from './types.js';

/**
 * The fixed parts of the Acme scenario: who works there, which projects, issue types, statuses and
 * priorities the site has. Issues are generated from these in scenario-issues.ts.
 */

export const DEFAULT_SITE_URL = 'https://acme.atlassian.net';

/** The time zone bare JQL dates are read in: the API user's profile time zone. */
export const API_USER_TIME_ZONE = 'Europe/Berlin';

const AVATAR_HOST = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net';

function userAvatars(initials: string): AvatarUrls {
  const url = (size: number) => `${AVATAR_HOST}/initials/${initials}-${size}.png`;
  return { '48x48': url(48), '24x24': url(24), '16x16': url(16), '32x32': url(32) };
}

export function projectAvatars(siteUrl: string, avatarId: number): AvatarUrls {
  const url = (size: string) =>
    `${siteUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${avatarId}${size ? `?size=${size}` : ''}`;
  return { '48x48': url(''), '24x24': url('small'), '16x16': url('xsmall'), '32x32': url('medium') };
}

interface PersonSpec {
  accountId: string;
  accountType: JiraUser['accountType'];
  displayName: string;
  email?: string;
  timeZone?: string;
  locale?: string;
  active: boolean;
}

/** Handles used by the issue generator; the account ids are what Jira would show. */
export const PEOPLE = {
  complianceBot: {
    accountId: '5d6f2c1a9b3e4a0012c7e101',
    accountType: 'atlassian',
    displayName: 'Compliance Bot',
    email: 'compliance-bot@acme.example',
    timeZone: API_USER_TIME_ZONE,
    locale: 'en_US',
    active: true,
  },
  alice: {
    accountId: '5d6f2c1a9b3e4a0012c7e102',
    accountType: 'atlassian',
    displayName: 'Alice Nguyen',
    email: 'alice.nguyen@acme.example',
    timeZone: 'America/New_York',
    locale: 'en_US',
    active: true,
  },
  bjoern: {
    accountId: '5d6f2c1a9b3e4a0012c7e103',
    accountType: 'atlassian',
    displayName: 'Björn Weber',
    email: 'bjoern.weber@acme.example',
    timeZone: 'Europe/Berlin',
    locale: 'de_DE',
    active: true,
  },
  priya: {
    // Hides her e-mail in her Atlassian profile: Jira leaves the key out.
    accountId: '712020:3f6e1c52-8d1b-4a57-9a0e-2c4b7d9e1f03',
    accountType: 'atlassian',
    displayName: 'Priya Raman',
    timeZone: 'Asia/Kolkata',
    locale: 'en_IN',
    active: true,
  },
  diego: {
    accountId: '5d6f2c1a9b3e4a0012c7e105',
    accountType: 'atlassian',
    displayName: 'Diego Alvarez',
    email: 'diego.alvarez@acme.example',
    timeZone: 'America/Los_Angeles',
    locale: 'es_ES',
    active: true,
  },
  emma: {
    accountId: '5d6f2c1a9b3e4a0012c7e106',
    accountType: 'atlassian',
    displayName: 'Emma Clarke',
    email: 'emma.clarke@acme.example',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    active: true,
  },
  kenji: {
    accountId: '5d6f2c1a9b3e4a0012c7e107',
    accountType: 'atlassian',
    displayName: 'Kenji Sato',
    email: 'kenji.sato@acme.example',
    timeZone: 'Asia/Tokyo',
    locale: 'ja_JP',
    active: true,
  },
  rita: {
    // A second login that is not a Jira administrator.
    accountId: '5d6f2c1a9b3e4a0012c7e108',
    accountType: 'atlassian',
    displayName: 'Rita Okafor',
    email: 'rita.okafor@acme.example',
    timeZone: 'Europe/Dublin',
    locale: 'en_GB',
    active: true,
  },
  dan: {
    // Deactivated: still listed, still on old issues.
    accountId: '5d6f2c1a9b3e4a0012c7e109',
    accountType: 'atlassian',
    displayName: 'Dan Miller',
    email: 'dan.miller@acme.example',
    timeZone: 'America/Chicago',
    locale: 'en_US',
    active: false,
  },
  formerUser: {
    // Deleted from Atlassian: a placeholder name, no e-mail, no time zone.
    accountId: '5d6f2c1a9b3e4a0012c7e10a',
    accountType: 'atlassian',
    displayName: 'Former user',
    active: false,
  },
  automation: {
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
    accountType: 'app',
    displayName: 'Automation for Jira',
    active: true,
  },
  slack: {
    accountId: '5b6c7b1f3a1d2e0046a1b2c3',
    accountType: 'app',
    displayName: 'Slack',
    active: true,
  },
} as const satisfies Record<string, PersonSpec>;

export type PersonHandle = keyof typeof PEOPLE;

export function buildUser(siteUrl: string, person: PersonSpec): JiraUser {
  const initials = person.displayName
    .split(/\s+/)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
  const user: JiraUser = {
    self: `${siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(person.accountId)}`,
    accountId: person.accountId,
    accountType: person.accountType,
    avatarUrls: userAvatars(initials),
    displayName: person.displayName,
    active: person.active,
  };
  if (person.email) user.emailAddress = person.email;
  if (person.timeZone) user.timeZone = person.timeZone;
  if (person.locale) user.locale = person.locale;

  return user;
}

/** A value shaped like an Atlassian API token, derived from the account so it is stable, and fake. */
function fakeApiToken(accountId: string): string {
  const digest = createHash('sha256').update(`jira-simulator:${accountId}`).digest();
  const body = digest.toString('base64url');
  const checksum = digest.subarray(0, 4).toString('hex').toUpperCase();

  return `ATSIM0${body}${body.split('').reverse().join('')}=${checksum}`;
}

export function buildLogins(): ScenarioLogin[] {
  return [PEOPLE.complianceBot, PEOPLE.rita].map((person) => ({
    email: person.email,
    apiToken: fakeApiToken(person.accountId),
    accountId: person.accountId,
  }));
}

export function buildGlobalPermissions(apiUserIsAdmin: boolean): Record<string, GlobalPermissionKey[]> {
  return {
    [PEOPLE.complianceBot.accountId]: apiUserIsAdmin
      ? ['ADMINISTER', 'USER_PICKER', 'CREATE_SHARED_OBJECTS']
      : ['USER_PICKER', 'CREATE_SHARED_OBJECTS'],
    [PEOPLE.rita.accountId]: ['CREATE_SHARED_OBJECTS'],
    [PEOPLE.alice.accountId]: ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'CREATE_SHARED_OBJECTS'],
  };
}

const CATEGORY_SPECS: readonly [number, StatusCategoryKey, string, string][] = [
  [1, 'undefined', 'medium-gray', 'No Category'],
  [2, 'new', 'blue-gray', 'To Do'],
  [4, 'indeterminate', 'yellow', 'In Progress'],
  [3, 'done', 'green', 'Done'],
];

export function buildStatusCategories(siteUrl: string): JiraStatusCategory[] {
  return CATEGORY_SPECS.map(([id, key, colorName, name]) => ({
    self: `${siteUrl}/rest/api/3/statuscategory/${id}`,
    id,
    key,
    colorName,
    name,
  }));
}

/** Status names the generator refers to; custom names in every category, as real workflows have. */
export type StatusName =
  | 'To Do'
  | 'In Progress'
  | 'In Review'
  | 'Done'
  | 'Awaiting CAB'
  | 'Implementing'
  | 'Deployed'
  | 'Rolled back'
  | 'Offen'
  | 'Triage'
  | 'Mitigated'
  | 'Imported';

const STATUS_SPECS: readonly [string, StatusName, StatusCategoryKey, string][] = [
  ['10000', 'To Do', 'new', ''],
  [
    '3',
    'In Progress',
    'indeterminate',
    'This issue is being actively worked on at the moment by the assignee.',
  ],
  ['10001', 'In Review', 'indeterminate', 'Waiting for a second pair of eyes.'],
  ['10002', 'Done', 'done', ''],
  ['10010', 'Awaiting CAB', 'new', 'Waiting for the change advisory board.'],
  ['10011', 'Implementing', 'indeterminate', 'The change is being rolled out.'],
  ['10012', 'Deployed', 'done', 'The change is live.'],
  ['10013', 'Rolled back', 'done', 'The change was reverted.'],
  ['10020', 'Offen', 'new', 'Neu gemeldet, noch nicht bearbeitet.'],
  ['10021', 'Triage', 'indeterminate', 'Impact and owner are being established.'],
  ['10022', 'Mitigated', 'done', 'Customer impact has ended.'],
  ['10030', 'Imported', 'undefined', 'Migrated from the previous tracker without a category.'],
];

export function buildStatuses(siteUrl: string, categories: readonly JiraStatusCategory[]): JiraStatus[] {
  return STATUS_SPECS.map(([id, name, categoryKey, description]) => {
    const statusCategory = categories.find((category) => category.key === categoryKey);
    if (!statusCategory) throw new Error(`Unknown status category ${categoryKey}`);
    return {
      self: `${siteUrl}/rest/api/3/status/${id}`,
      description,
      iconUrl: `${siteUrl}/images/icons/statuses/generic.png`,
      name,
      untranslatedName: name,
      id,
      statusCategory: { ...statusCategory },
    };
  });
}

export type IssueTypeName = 'Epic' | 'Story' | 'Task' | 'Bug' | 'Sub-task' | 'Change' | 'Incident';

const ISSUE_TYPE_SPECS: readonly [string, IssueTypeName, string, number, number][] = [
  ['10000', 'Epic', 'A big user story that needs to be broken down.', 10307, 1],
  ['10001', 'Story', 'Functionality or a feature expressed as a user goal.', 10315, 0],
  ['10002', 'Task', 'A small, distinct piece of work.', 10318, 0],
  ['10003', 'Bug', 'A problem or error.', 10303, 0],
  ['10004', 'Sub-task', 'A small piece of work that is part of a larger task.', 10316, -1],
  ['10100', 'Change', 'A planned change to production systems, reviewed by the CAB.', 10556, 0],
  ['10101', 'Incident', 'An unplanned interruption or reduction in quality of a service.', 10553, 0],
];

export function buildIssueTypes(siteUrl: string): JiraIssueType[] {
  return ISSUE_TYPE_SPECS.map(([id, name, description, avatarId, hierarchyLevel]) => ({
    self: `${siteUrl}/rest/api/3/issuetype/${id}`,
    id,
    description,
    iconUrl: `${siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`,
    name,
    subtask: hierarchyLevel < 0,
    avatarId,
    hierarchyLevel,
  }));
}

export type PriorityName = 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';

export function buildPriorities(siteUrl: string): JiraPriority[] {
  const names: PriorityName[] = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
  return names.map((name, index) => ({
    self: `${siteUrl}/rest/api/3/priority/${index + 1}`,
    iconUrl: `${siteUrl}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id: String(index + 1),
  }));
}

export function buildResolutions(siteUrl: string): JiraResolution[] {
  const specs: [string, string, string][] = [
    ['10000', 'Done', 'Work has been completed on this issue.'],
    ['10001', "Won't Do", 'This issue won\u2019t be actioned.'],
    ['10002', 'Duplicate', 'The problem is a duplicate of an existing issue.'],
  ];
  return specs.map(([id, name, description]) => ({
    self: `${siteUrl}/rest/api/3/resolution/${id}`,
    id,
    description,
    name,
  }));
}

export type ProjectKey = 'CHG' | 'OPS' | 'ENG' | 'SEC' | 'IS' | 'PPL';

interface ProjectSpec {
  id: string;
  key: ProjectKey;
  name: string;
  projectTypeKey: JiraProject['projectTypeKey'];
  simplified: boolean;
  category?: 'itsm' | 'product';
}

/** `IS` is a reserved JQL word: every query that names it must quote it. */
const PROJECT_SPECS: readonly ProjectSpec[] = [
  {
    id: '10000',
    key: 'CHG',
    name: 'Change Management',
    projectTypeKey: 'service_desk',
    simplified: false,
    category: 'itsm',
  },
  {
    id: '10001',
    key: 'OPS',
    name: 'IT Operations',
    projectTypeKey: 'service_desk',
    simplified: false,
    category: 'itsm',
  },
  {
    id: '10002',
    key: 'ENG',
    name: 'Engineering',
    projectTypeKey: 'software',
    simplified: false,
    category: 'product',
  },
  {
    id: '10003',
    key: 'SEC',
    name: 'Security',
    projectTypeKey: 'software',
    simplified: false,
    category: 'itsm',
  },
  { id: '10004', key: 'IS', name: 'Information Systems', projectTypeKey: 'business', simplified: false },
  { id: '10005', key: 'PPL', name: 'People Ops', projectTypeKey: 'business', simplified: true },
];

const PROJECT_EXPAND = 'description,lead,issueTypes,url,projectKeys,permissions,insight';

function projectCategory(siteUrl: string, category: 'itsm' | 'product'): JiraProject['projectCategory'] {
  return category === 'itsm'
    ? {
        self: `${siteUrl}/rest/api/3/projectCategory/10000`,
        id: '10000',
        name: 'IT Service Management',
        description: 'Run the business',
      }
    : {
        self: `${siteUrl}/rest/api/3/projectCategory/10001`,
        id: '10001',
        name: 'Product',
        description: 'Build the product',
      };
}

/**
 * The core projects, then `extraProjectCount` archive-like business projects without issues (keys `A001`,
 * `A002`, …), which make the project list long enough to need several pages.
 */
export function buildProjects(siteUrl: string, extraProjectCount: number): JiraProject[] {
  const extras: ProjectSpec[] = Array.from({ length: extraProjectCount }, (_, index) => ({
    id: String(10100 + index),
    key: `A${String(index + 1).padStart(3, '0')}` as ProjectKey,
    name: `Archive ${String(index + 1).padStart(3, '0')}`,
    projectTypeKey: 'business',
    simplified: false,
  }));

  return [...PROJECT_SPECS, ...extras].map((spec) => {
    const project: JiraProject = {
      expand: PROJECT_EXPAND,
      self: `${siteUrl}/rest/api/3/project/${spec.id}`,
      id: spec.id,
      key: spec.key,
      name: spec.name,
      avatarUrls: projectAvatars(siteUrl, 10400 + (Number(spec.id) % 100)),
      projectTypeKey: spec.projectTypeKey,
      simplified: spec.simplified,
      style: spec.simplified ? 'next-gen' : 'classic',
      isPrivate: false,
      properties: {},
    };
    if (spec.category) project.projectCategory = projectCategory(siteUrl, spec.category);

    return project;
  });
}
