import { connectionsServing } from './scoped-issues.js';
import type { CheckDefinition, CheckResult, CheckSnapshot } from './types.js';

const id = 'change_management.ticketing_system_configured';
const name = 'Ticketing system for change management should be set up';

/**
 * Passes when at least one connection that is not disconnected has the change-management purpose and
 * a scope saying which tickets are changes. It looks at configuration only, not at synced data.
 */
export function checkTicketingSystemConfigured(snapshot: CheckSnapshot): CheckResult {
  const candidates = connectionsServing(snapshot, 'change_management');
  const configured = candidates.flatMap((connection) => {
    const scope = connection.scopes.change_management;
    return scope ? [{ connection, scope }] : [];
  });

  const summary = {
    connectionsWithPurpose: candidates.map((c) => ({ connectionId: c.id, site: c.site, status: c.status })),
    configured: configured.map((c) => ({
      connectionId: c.connection.id,
      site: c.connection.site,
      scopeVersion: c.scope.version,
    })),
  };
  const base = {
    checkId: id,
    name,
    evaluatedAt: snapshot.now,
    syncRunIds: [],
    failingEntities: [],
    auditorJql: null,
    summary,
  };

  if (configured.length > 0) {
    const where = configured.map((c) => `${c.connection.site} (scope version ${c.scope.version})`).join(', ');
    return {
      ...base,
      status: 'passing',
      reason: `A change-management scope is configured on ${where}.`,
      scopeVersions: Object.fromEntries(configured.map((c) => [c.connection.id, c.scope.version])),
    };
  }

  const reason =
    candidates.length === 0
      ? 'No connection of this workspace has the change_management purpose (disconnected ones do not ' +
        'count); connect the Jira site that holds change tickets with that purpose and configure its scope.'
      : `${candidates.map((c) => c.site).join(', ')} ${candidates.length === 1 ? 'has' : 'have'} the ` +
        'change_management purpose but no scope; configure the projects and issue types (or a JQL filter) ' +
        'that hold change tickets.';
  return { ...base, status: 'failing', reason, scopeVersions: {} };
}

export const ticketingSystemConfigured: CheckDefinition = {
  id,
  name,
  evaluate: checkTicketingSystemConfigured,
};
