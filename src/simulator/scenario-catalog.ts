import type {
  AvatarUrls,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraResolution,
  JiraStatus,
  JiraStatusCategory,
  StatusCategoryKey,
} from './types.js';

/**
 * The configuration of the Acme site: projects, issue types, statuses with their categories, priorities
 * and resolutions. People are in scenario-people.ts; issues are generated in scenario-issues.ts.
 */

export const DEFAULT_SITE_URL = 'https://acme.atlassian.net';

function projectAvatars(siteUrl: string, avatarId: number): AvatarUrls {
  const url = (size: string) =>
    `${siteUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${avatarId}${size ? `?size=${size}` : ''}`;
  return { '48x48': url(''), '24x24': url('small'), '16x16': url('xsmall'), '32x32': url('medium') };
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
