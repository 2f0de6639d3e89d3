import type { IssueTypeName, PriorityName, ProjectKey, StatusName } from './scenario-catalog.js';
import type { PersonHandle } from './scenario-people.js';

/** One generated issue before it becomes Jira JSON: names of things and instants in epoch milliseconds. */
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

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** How far back the generated history reaches. */
export const HISTORY_DAYS = 270;

/** The newest change ticket is this old, so a "recent change activity" check passes by default. */
export const NEWEST_CHANGE_AGE_DAYS = 3;
