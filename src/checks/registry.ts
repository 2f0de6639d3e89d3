import { incidentClosed } from './incident-closed.js';
import { recentTicketActivity } from './recent-ticket-activity.js';
import { systemConnected } from './system-connected.js';
import { ticketHasAssignee } from './ticket-has-assignee.js';
import { ticketingSystemConfigured } from './ticketing-system-configured.js';
import type { CheckDefinition, CheckResult, CheckSnapshot } from './types.js';

/** Every check this service evaluates, in the order results are listed. */
export const checks: readonly CheckDefinition[] = [
  ticketingSystemConfigured,
  systemConnected,
  ticketHasAssignee,
  recentTicketActivity,
  incidentClosed,
];

/** Looks a check up by id, for the API's `/checks/:checkId` routes. */
export function findCheck(checkId: string): CheckDefinition | undefined {
  return checks.find((c) => c.id === checkId);
}

/** Evaluates every check on one snapshot, so all results of a sync share one evaluation time. */
export function evaluateAllChecks(snapshot: CheckSnapshot): CheckResult[] {
  return checks.map((check) => check.evaluate(snapshot));
}
