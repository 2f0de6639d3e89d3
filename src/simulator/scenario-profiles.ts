import type { IssueTypeName, PriorityName, ProjectKey, StatusName } from './scenario-catalog.js';
import type { PersonHandle } from './scenario-people.js';
import type { SummaryKind } from './scenario-summaries.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The kinds of work at Acme, with how often each occurs, who reports and works on it, its workflow and
 * how quickly it gets done. The generator draws the bulk of the backlog from these.
 */

export interface Workflow {
  todo: StatusName;
  inProgress: readonly StatusName[];
  done: readonly (readonly [StatusName, number])[];
}

export const WORKFLOWS = {
  change: {
    todo: 'Awaiting CAB',
    inProgress: ['Implementing'],
    done: [
      ['Deployed', 0.85],
      ['Rolled back', 0.15],
    ],
  },
  incident: {
    todo: 'Offen',
    inProgress: ['Triage'],
    done: [
      ['Mitigated', 0.6],
      ['Done', 0.4],
    ],
  },
  software: { todo: 'To Do', inProgress: ['In Progress', 'In Review'], done: [['Done', 1]] },
  simple: { todo: 'To Do', inProgress: ['In Progress'], done: [['Done', 1]] },
} as const satisfies Record<string, Workflow>;

type WorkflowName = keyof typeof WORKFLOWS;

export interface Profile {
  project: ProjectKey;
  type: IssueTypeName;
  summaryKind: SummaryKind;
  weight: number;
  workflow: WorkflowName;
  assignees: readonly PersonHandle[];
  reporters: readonly PersonHandle[];
  unassignedProbability: number;
  /** Probability that an issue of this age is resolved. */
  doneProbability: (ageDays: number) => number;
  /** Time to resolve, in days. */
  resolutionDays: readonly [number, number];
  labels: (random: SeededRandom) => string[];
  priority: (random: SeededRandom) => PriorityName | null;
}

const ENGINEERS: readonly PersonHandle[] = ['alice', 'bjoern', 'priya', 'diego', 'kenji'];
const OPERATORS: readonly PersonHandle[] = ['bjoern', 'priya', 'emma', 'kenji'];

function usualPriority(random: SeededRandom): PriorityName {
  return random.weighted<PriorityName>([
    ['Highest', 0.05],
    ['High', 0.2],
    ['Medium', 0.5],
    ['Low', 0.2],
    ['Lowest', 0.05],
  ]);
}

export const PROFILES: readonly Profile[] = [
  {
    project: 'CHG',
    type: 'Change',
    summaryKind: 'change',
    weight: 25,
    workflow: 'change',
    assignees: OPERATORS,
    reporters: ['alice', 'bjoern', 'priya', 'emma', 'dan'],
    unassignedProbability: 0.06,
    doneProbability: (age) => Math.min(0.95, 0.15 + age / 30),
    resolutionDays: [0.5, 10],
    labels: (random) =>
      random.chance(0.3) ? ['cab-approved'] : random.chance(0.05) ? ['emergency-change'] : [],
    priority: usualPriority,
  },
  {
    project: 'OPS',
    type: 'Incident',
    summaryKind: 'incident',
    weight: 15,
    workflow: 'incident',
    assignees: OPERATORS,
    reporters: ['automation', 'emma', 'kenji', 'priya'],
    unassignedProbability: 0.1,
    doneProbability: (age) => Math.min(0.98, age / 20),
    resolutionDays: [0.1, 6],
    labels: (random) => [random.pick(['sev1', 'sev2', 'sev2', 'sev3', 'sev3', 'sev3'])],
    priority: usualPriority,
  },
  {
    project: 'OPS',
    type: 'Task',
    summaryKind: 'task',
    weight: 10,
    workflow: 'simple',
    assignees: OPERATORS,
    reporters: ['emma', 'bjoern', 'complianceBot'],
    unassignedProbability: 0.25,
    doneProbability: (age) => Math.min(0.9, age / 45),
    resolutionDays: [1, 30],
    labels: () => [],
    priority: usualPriority,
  },
  {
    project: 'ENG',
    type: 'Story',
    summaryKind: 'story',
    weight: 15,
    workflow: 'software',
    assignees: ENGINEERS,
    reporters: ['alice', 'diego', 'formerUser'],
    unassignedProbability: 0.2,
    doneProbability: (age) => Math.min(0.9, age / 60),
    resolutionDays: [2, 40],
    labels: (random) => (random.chance(0.4) ? [random.pick(['frontend', 'backend', 'api'])] : []),
    priority: usualPriority,
  },
  {
    project: 'ENG',
    type: 'Bug',
    summaryKind: 'bug',
    weight: 10,
    workflow: 'software',
    assignees: ENGINEERS,
    reporters: ['alice', 'diego', 'kenji', 'slack'],
    unassignedProbability: 0.2,
    doneProbability: (age) => Math.min(0.9, age / 40),
    resolutionDays: [1, 25],
    labels: (random) => (random.chance(0.3) ? ['customer-reported'] : []),
    priority: usualPriority,
  },
  {
    project: 'ENG',
    type: 'Task',
    summaryKind: 'task',
    weight: 7,
    workflow: 'software',
    assignees: ENGINEERS,
    reporters: ['alice', 'diego'],
    unassignedProbability: 0.3,
    doneProbability: (age) => Math.min(0.85, age / 50),
    resolutionDays: [1, 30],
    labels: (random) => (random.chance(0.2) ? ['tech-debt'] : []),
    priority: usualPriority,
  },
  {
    project: 'SEC',
    type: 'Bug',
    summaryKind: 'vulnerability',
    weight: 8,
    workflow: 'simple',
    assignees: ['priya', 'bjoern', 'kenji'],
    reporters: ['priya', 'automation'],
    unassignedProbability: 0.15,
    doneProbability: (age) => Math.min(0.85, age / 90),
    resolutionDays: [2, 120],
    labels: (random) => ['security-vulnerability', ...(random.chance(0.4) ? ['cve'] : [])],
    priority: (random) =>
      random.weighted<PriorityName>([
        ['Highest', 0.1],
        ['High', 0.3],
        ['Medium', 0.4],
        ['Low', 0.2],
      ]),
  },
  {
    project: 'IS',
    type: 'Task',
    summaryKind: 'task',
    weight: 5,
    workflow: 'simple',
    assignees: ['emma', 'rita'],
    reporters: ['emma', 'rita', 'alice'],
    unassignedProbability: 0.2,
    doneProbability: (age) => Math.min(0.9, age / 30),
    resolutionDays: [1, 20],
    labels: () => [],
    priority: usualPriority,
  },
  {
    project: 'PPL',
    type: 'Task',
    summaryKind: 'people',
    weight: 5,
    workflow: 'simple',
    assignees: ['rita', 'emma'],
    reporters: ['rita'],
    unassignedProbability: 0.3,
    doneProbability: (age) => Math.min(0.95, age / 15),
    resolutionDays: [0.5, 10],
    labels: (random) => (random.chance(0.5) ? ['onboarding'] : ['offboarding']),
    // A team-managed project without the priority field.
    priority: () => null,
  },
];
