import { formatDuration } from './time.js';
import type { CheckDefinition, CheckResult, CheckSnapshot, ConnectionSnapshot } from './types.js';

const id = 'change_management.system_connected';
const name = 'At least one change management system should be connected';

interface Health {
  connection: ConnectionSnapshot;
  healthy: boolean;
  /** `acme.atlassian.net is needs_attention (JIRA_UNAUTHORIZED)`. */
  description: string;
}

/**
 * Passes when at least one change-management connection is healthy: its status is `active` (which
 * means its credentials were valid at the last call) and its newest completed sync run finished within
 * twice its sync interval. A `partial` run counts as completed: the connection works, and the checks
 * that needed what it could not read report `not_evaluated` on their own. One failed run does not make
 * a connection unhealthy while an earlier completed run is still recent enough; the slack of twice the
 * interval is there for exactly that.
 */
export function checkSystemConnected(snapshot: CheckSnapshot): CheckResult {
  const connections = snapshot.connections.filter((c) => c.purposes.includes('change_management'));
  const health = connections.map((c) => connectionHealth(c, snapshot.now));
  const healthy = health.filter((h) => h.healthy);

  const status = healthy.length > 0 ? 'passing' : 'failing';
  let reason: string;
  if (connections.length === 0) {
    reason =
      'No connection of this workspace has the change_management purpose; connect the Jira site that ' +
      'holds change tickets.';
  } else if (healthy.length > 0) {
    reason = `${healthy.map((h) => h.description).join('; ')}.`;
  } else {
    reason = `No change-management connection is healthy: ${health.map((h) => h.description).join('; ')}.`;
  }

  return {
    checkId: id,
    name,
    status,
    reason,
    evaluatedAt: snapshot.now,
    syncRunIds: connections.flatMap((c) => (c.lastCompletedSyncRun ? [c.lastCompletedSyncRun.id] : [])),
    scopeVersions: {},
    failingEntities: [],
    auditorJql: null,
    summary: {
      connections: health.map(({ connection: c, healthy }) => ({
        connectionId: c.id,
        site: c.site,
        status: c.status,
        statusCode: c.statusCode,
        healthy,
        lastCompletedSyncRunId: c.lastCompletedSyncRun?.id ?? null,
        lastCompletedSyncStatus: c.lastCompletedSyncRun?.status ?? null,
        lastCompletedSyncFinishedAt: c.lastCompletedSyncRun?.finishedAt?.toISOString() ?? null,
        maxSyncAgeSeconds: 2 * c.syncIntervalSeconds,
      })),
    },
  };
}

function connectionHealth(connection: ConnectionSnapshot, now: Date): Health {
  const { site, status, statusCode } = connection;
  if (status !== 'active') {
    const code = statusCode ? ` (${statusCode})` : '';
    return { connection, healthy: false, description: `${site} is ${status}${code}` };
  }

  const finishedAt = connection.lastCompletedSyncRun?.finishedAt;
  if (!finishedAt) {
    return { connection, healthy: false, description: `${site} is active but has not completed a sync yet` };
  }

  const age = now.getTime() - finishedAt.getTime();
  const allowed = 2 * connection.syncIntervalSeconds * 1000;
  const partial = connection.lastCompletedSyncRun?.status === 'partial' ? ' (partial)' : '';
  const when = `completed a sync${partial} ${formatDuration(age)} ago`;
  if (age > allowed) {
    return {
      connection,
      healthy: false,
      description: `${site} last ${when}, more than the allowed ${formatDuration(allowed)}`,
    };
  }

  return {
    connection,
    healthy: true,
    description: `${site} is active and ${when}, within the allowed ${formatDuration(allowed)}`,
  };
}

export const systemConnected: CheckDefinition = { id, name, evaluate: checkSystemConnected };
