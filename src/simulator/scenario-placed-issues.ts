import type { IssueTypeName, PriorityName, ProjectKey, StatusName } from './scenario-catalog.js';
import type { PersonHandle } from './scenario-people.js';
import { DAY_MS, NEWEST_CHANGE_AGE_DAYS, type IssueDraft } from './issue-draft.js';

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

export function placedDrafts(nowMs: number): IssueDraft[] {
  return PLACED.map((spec, index) => {
    // A few minutes apart and off the hour, so no two placed issues share an instant.
    const createdMs = nowMs - spec.ageDays * DAY_MS - (index * 7 + 3) * 60_000 - 123;
    const resolvedMs =
      spec.resolvedAfterDays === undefined ? null : createdMs + spec.resolvedAfterDays * DAY_MS;
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
