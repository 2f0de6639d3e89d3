import { describe, expect, it } from 'vitest';
import { checkSystemConnected } from '../../src/checks/system-connected.js';
import { connection, minutesAgo, snapshot, syncRun } from './snapshot-builders.js';

describe('change_management.system_connected', () => {
  it('passes for an active connection whose last sync finished within twice the interval', () => {
    const result = checkSystemConnected(snapshot(connection()));

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'acme.atlassian.net is active and completed a sync 10 minutes ago, within the allowed 2 hours.',
    );
    expect(result.syncRunIds).toEqual(['run-conn-1']);
    expect(result.auditorJql).toBeNull();
  });

  it('accepts a partial sync run as completed, and says it was partial', () => {
    const run = syncRun('run-1', { status: 'partial', finishedAt: minutesAgo(120) });
    const result = checkSystemConnected(
      snapshot(connection({ lastSyncRun: run, lastCompletedSyncRun: run })),
    );

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'acme.atlassian.net is active and completed a sync (partial) 2 hours ago, within the allowed 2 hours.',
    );
  });

  it('fails when the last completed sync is older than twice the interval, even after a failed run', () => {
    const completed = syncRun('run-1', { finishedAt: minutesAgo(121) });
    const failed = syncRun('run-2', { status: 'failed', finishedAt: minutesAgo(5) });
    const result = checkSystemConnected(
      snapshot(connection({ lastSyncRun: failed, lastCompletedSyncRun: completed })),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'No change-management connection is healthy: acme.atlassian.net last completed a sync 2 hours ago, more ' +
        'than the allowed 2 hours.',
    );
  });

  it('fails naming every connection state it saw', () => {
    const result = checkSystemConnected(
      snapshot(
        connection({ status: 'needs_attention', statusCode: 'JIRA_UNAUTHORIZED' }),
        connection({
          id: 'conn-2',
          site: 'beta.atlassian.net',
          lastCompletedSyncRun: null,
          lastSyncRun: null,
        }),
        connection({ id: 'conn-3', site: 'gamma.atlassian.net', status: 'disconnected' }),
        connection({ id: 'conn-4', site: 'delta.atlassian.net', status: 'awaiting_consent' }),
        connection({ id: 'conn-5', site: 'other.atlassian.net', purposes: ['incident_management'] }),
      ),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'No change-management connection is healthy: acme.atlassian.net is needs_attention (JIRA_UNAUTHORIZED); ' +
        'beta.atlassian.net is active but has not completed a sync yet; gamma.atlassian.net is disconnected; ' +
        'delta.atlassian.net is awaiting_consent.',
    );
    expect((result.summary.connections as unknown[]).length).toBe(4);
  });

  it('passes when one of several connections is healthy', () => {
    const result = checkSystemConnected(
      snapshot(
        connection({ status: 'needs_attention', statusCode: 'JIRA_FORBIDDEN' }),
        connection({ id: 'conn-2', site: 'beta.atlassian.net' }),
      ),
    );

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'beta.atlassian.net is active and completed a sync 10 minutes ago, within the allowed 2 hours.',
    );
  });

  it('fails when no connection has the change-management purpose', () => {
    const result = checkSystemConnected(snapshot(connection({ purposes: ['incident_management'] })));

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'No connection of this workspace has the change_management purpose; connect the Jira site that holds ' +
        'change tickets.',
    );
  });
});
