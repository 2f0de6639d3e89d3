import type {
  IssueTypeName,
  PersonHandle,
  PriorityName,
  ProjectKey,
  StatusName,
} from './scenario-catalog.js';
import { pickSummary, type SummaryKind } from './scenario-summaries.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Generates the Acme backlog as drafts (names and instants): a weighted random bulk spread over the
 * last nine months, plus hand-placed issues that the compliance checks must find (unassigned change
 * tickets, incidents left open for weeks, late vulnerabilities).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const HISTORY_DAYS = 270;

export interface IssueDraft {
  project: ProjectKey;
  type: IssueTypeName;
  summary: string;
  description: string | null;
  status: StatusName;
  assignee: PersonHandle | null;
  reporter: PersonHandle;
  priority: PriorityName | null;
  labels: string[];
  createdMs: number;
  updatedMs: number;
  resolvedMs: number | null;
  statusChangedMs: number;
}

interface Workflow {
  todo: StatusName;
  inProgress: readonly StatusName[];
  done: readonly (readonly [StatusName, number])[];
}

const WORKFLOWS = {
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

interface Profile {
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

const PROFILES: readonly Profile[] = [
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

/** The newest change ticket is this old, so a "recent change activity" check passes by default. */
export const NEWEST_CHANGE_AGE_DAYS = 3;

export function generateIssueDrafts(nowMs: number, random: SeededRandom, issueCount: number): IssueDraft[] {
  const placed = placedDrafts(nowMs);
  const bulk: IssueDraft[] = [];
  const weights = PROFILES.map((profile) => [profile, profile.weight] as const);

  for (let index = 0; index < issueCount - placed.length; index += 1) {
    const profile = random.weighted(weights);
    const earliest = profile.type === 'Change' ? NEWEST_CHANGE_AGE_DAYS + 1 : 0.05;
    const ageDays = earliest + random.next() * (HISTORY_DAYS - earliest);
    bulk.push(randomDraft(profile, nowMs - ageDays * DAY - random.integer(0, 999), nowMs, random));
  }

  return [...bulk, ...placed].sort((a, b) => a.createdMs - b.createdMs);
}

function randomDraft(profile: Profile, createdMs: number, nowMs: number, random: SeededRandom): IssueDraft {
  const ageDays = (nowMs - createdMs) / DAY;
  const workflow: Workflow = WORKFLOWS[profile.workflow];
  const done = random.chance(profile.doneProbability(ageDays));
  const reporter = random.pick(profile.reporters);
  const longGone = reporter === 'formerUser' || reporter === 'dan';
  const assignee = random.chance(profile.unassignedProbability)
    ? null
    : ageDays > 150 && random.chance(0.1)
      ? 'dan'
      : random.pick(profile.assignees);

  let status: StatusName;
  let resolvedMs: number | null = null;
  let updatedMs: number;
  let statusChangedMs = createdMs;
  if (done) {
    status = random.weighted(workflow.done);
    const [min, max] = profile.resolutionDays;
    resolvedMs = Math.min(
      createdMs + (min + random.next() * (max - min)) * DAY,
      nowMs - random.integer(1, 48) * HOUR,
    );
    resolvedMs = Math.max(resolvedMs, createdMs + 60_000);
    updatedMs = Math.min(resolvedMs + random.next() * 2 * DAY, nowMs);
    statusChangedMs = resolvedMs;
  } else if (profile.project === 'ENG' && ageDays > 200 && random.chance(0.15)) {
    status = 'Imported';
    updatedMs = createdMs + random.integer(1, 60) * 60_000;
  } else {
    const started = random.chance(Math.min(0.8, 0.3 + ageDays / 10));
    status = started ? random.pick(workflow.inProgress) : workflow.todo;
    updatedMs = createdMs + random.next() * (nowMs - createdMs);
    if (started) statusChangedMs = createdMs + (updatedMs - createdMs) * random.next();
  }

  return {
    project: profile.project,
    type: profile.type,
    summary: pickSummary(profile.summaryKind, random),
    description: random.chance(0.4) ? describe(profile.summaryKind, longGone) : null,
    status,
    assignee,
    reporter,
    priority: profile.priority(random),
    labels: profile.labels(random),
    createdMs,
    updatedMs: Math.round(updatedMs),
    resolvedMs: resolvedMs === null ? null : Math.round(resolvedMs),
    statusChangedMs: Math.round(statusChangedMs),
  };
}

function describe(kind: SummaryKind, longGone: boolean): string {
  const base =
    kind === 'change'
      ? 'Rollout plan: canary 10% then 100%.\nRollback plan: redeploy the previous release.'
      : kind === 'incident'
        ? 'Detected by monitoring.\nCustomer impact is being assessed.'
        : 'See the linked design notes.';
  return longGone ? `${base}\nReporter has left the company.` : base;
}

interface PlacedSpec {
  project: ProjectKey;
  type: IssueTypeName;
  summary: string;
  ageDays: number;
  status: StatusName;
  assignee: PersonHandle | null;
  reporter: PersonHandle;
  priority?: PriorityName | null;
  labels?: string[];
  /** For resolved issues: days from creation to resolution. */
  resolvedAfterDays?: number;
}

/** Hand-placed issues: each one exists so that a check or a parsing rule has something to find. */
const PLACED: readonly PlacedSpec[] = [
  // The newest change ticket: recent activity.
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Upgrade the ingress controller to 1.11',
    ageDays: NEWEST_CHANGE_AGE_DAYS + 0.2,
    status: 'Implementing',
    assignee: 'bjoern',
    reporter: 'alice',
    labels: ['cab-approved'],
  },
  // Unassigned change tickets inside the default 90-day review window …
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Rotate the SSO SAML certificate',
    ageDays: 12,
    status: 'Awaiting CAB',
    assignee: null,
    reporter: 'emma',
  },
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Migrate billing-db-02 to PostgreSQL 16',
    ageDays: 41,
    status: 'Implementing',
    assignee: null,
    reporter: 'priya',
  },
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Decommission the legacy VPN gateway',
    ageDays: 77,
    status: 'Deployed',
    assignee: null,
    reporter: 'bjoern',
    resolvedAfterDays: 4,
  },
  // … and outside it.
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Patch Kafka brokers for the log4j advisory',
    ageDays: 120,
    status: 'Deployed',
    assignee: null,
    reporter: 'dan',
    resolvedAfterDays: 2,
  },
  {
    project: 'CHG',
    type: 'Change',
    summary: 'Scale out Redis on cache-eu-1',
    ageDays: 205,
    status: 'Rolled back',
    assignee: null,
    reporter: 'formerUser',
    resolvedAfterDays: 1,
  },
  // Incidents left open for more than 30 days …
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Failed nightly backup of the data warehouse loader',
    ageDays: 45,
    status: 'Offen',
    assignee: null,
    reporter: 'automation',
    labels: ['sev2'],
    priority: 'High',
  },
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Authentication errors from Okta SCIM provisioning',
    ageDays: 62,
    status: 'Triage',
    assignee: 'emma',
    reporter: 'emma',
    labels: ['sev3'],
  },
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Disk nearly full on the CI runners',
    ageDays: 131,
    status: 'Triage',
    assignee: 'dan',
    reporter: 'kenji',
    labels: ['sev3'],
    priority: 'Low',
  },
  // … open but young …
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Latency spike on payments-api',
    ageDays: 2,
    status: 'Offen',
    assignee: 'kenji',
    reporter: 'automation',
    labels: ['sev1'],
    priority: 'Highest',
  },
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Queue backlog growing on Kafka brokers',
    ageDays: 10,
    status: 'Triage',
    assignee: 'priya',
    reporter: 'priya',
    labels: ['sev2'],
  },
  // … and resolved, with a resolution date.
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Elevated 5xx rate on payments-api',
    ageDays: 50,
    status: 'Mitigated',
    assignee: 'bjoern',
    reporter: 'automation',
    labels: ['sev1'],
    priority: 'Highest',
    resolvedAfterDays: 0.2,
  },
  {
    project: 'OPS',
    type: 'Incident',
    summary: 'Certificate expiry warning for the public status page',
    ageDays: 20,
    status: 'Done',
    assignee: 'emma',
    reporter: 'emma',
    labels: ['sev3'],
    resolvedAfterDays: 1,
  },
  // An incident tracked outside OPS, found by its label.
  {
    project: 'ENG',
    type: 'Bug',
    summary: 'Checkout outage after release 4.2 (incident)',
    ageDays: 35,
    status: 'In Progress',
    assignee: 'diego',
    reporter: 'alice',
    labels: ['incident', 'customer-reported'],
    priority: 'Highest',
  },
  // Vulnerabilities: critical past its SLA, high inside it, medium resolved late.
  {
    project: 'SEC',
    type: 'Bug',
    summary: 'CVE-2024-3094 in xz-utils on the CI runners',
    ageDays: 21,
    status: 'In Progress',
    assignee: 'priya',
    reporter: 'priya',
    labels: ['security-vulnerability', 'cve'],
    priority: 'Highest',
  },
  {
    project: 'SEC',
    type: 'Bug',
    summary: 'Weak TLS ciphers enabled on the VPN gateway',
    ageDays: 9,
    status: 'To Do',
    assignee: null,
    reporter: 'automation',
    labels: ['security-vulnerability'],
    priority: 'High',
  },
  {
    project: 'SEC',
    type: 'Bug',
    summary: 'Pentest finding: IDOR in payments-api',
    ageDays: 150,
    status: 'Done',
    assignee: 'kenji',
    reporter: 'priya',
    labels: ['security-vulnerability'],
    priority: 'Medium',
    resolvedAfterDays: 110,
  },
  // Text that breaks naive JSON or JQL handling.
  {
    project: 'ENG',
    type: 'Bug',
    summary: 'Search for "C:\\Temp" fails — quotes & backslashes',
    ageDays: 15,
    status: 'To Do',
    assignee: null,
    reporter: 'kenji',
    labels: ['backend'],
  },
  // Work in the project whose key is a reserved JQL word, and in a status without a category.
  {
    project: 'IS',
    type: 'Task',
    summary: 'Quarterly access review for Okta SCIM provisioning',
    ageDays: 30,
    status: 'In Progress',
    assignee: 'rita',
    reporter: 'emma',
  },
  {
    project: 'ENG',
    type: 'Task',
    summary: 'Imported from the old tracker: archive build logs',
    ageDays: 240,
    status: 'Imported',
    assignee: null,
    reporter: 'formerUser',
  },
];

function placedDrafts(nowMs: number): IssueDraft[] {
  return PLACED.map((spec, index) => {
    // A few minutes apart and off the hour, so no two placed issues share an instant.
    const createdMs = nowMs - spec.ageDays * DAY - (index * 7 + 3) * 60_000 - 123;
    const resolvedMs = spec.resolvedAfterDays === undefined ? null : createdMs + spec.resolvedAfterDays * DAY;
    const updatedMs = resolvedMs ?? createdMs + (nowMs - createdMs) * 0.4;

    return {
      project: spec.project,
      type: spec.type,
      summary: spec.summary,
      description: null,
      status: spec.status,
      assignee: spec.assignee,
      reporter: spec.reporter,
      priority: spec.priority === undefined ? (spec.project === 'PPL' ? null : 'Medium') : spec.priority,
      labels: spec.labels ?? [],
      createdMs: Math.round(createdMs),
      updatedMs: Math.round(updatedMs),
      resolvedMs: resolvedMs === null ? null : Math.round(resolvedMs),
      statusChangedMs: Math.round(resolvedMs ?? createdMs),
    };
  });
}

/** How many issues are placed by hand; a scenario never has fewer. */
export const PLACED_ISSUE_COUNT = PLACED.length;
