import { describe, expect, it } from 'vitest';
import { checkTicketingSystemConfigured } from '../../src/checks/ticketing-system-configured.js';
import { changeScope, connection, snapshot } from './snapshot-builders.js';

describe('change_management.ticketing_system_configured', () => {
  it('passes when a connection has the purpose and a change scope, whatever its sync state', () => {
    const result = checkTicketingSystemConfigured(
      snapshot(
        connection({
          status: 'needs_attention',
          lastCompletedSyncRun: null,
          scopes: { change_management: changeScope({}, { version: 4 }) },
        }),
      ),
    );

    expect(result.status).toBe('passing');
    expect(result.reason).toBe(
      'A change-management scope is configured on acme.atlassian.net (scope version 4).',
    );
    expect(result.scopeVersions).toEqual({ 'conn-1': 4 });
  });

  it('fails when the purpose is there but no scope, naming the site', () => {
    const result = checkTicketingSystemConfigured(snapshot(connection()));

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'acme.atlassian.net has the change_management purpose but no scope; configure the projects and issue ' +
        'types (or a JQL filter) that hold change tickets.',
    );
  });

  it('does not count a disconnected connection or a scope left on a connection without the purpose', () => {
    const result = checkTicketingSystemConfigured(
      snapshot(
        connection({ status: 'disconnected', scopes: { change_management: changeScope() } }),
        connection({
          id: 'conn-2',
          purposes: ['incident_management'],
          scopes: { change_management: changeScope() },
        }),
      ),
    );

    expect(result.status).toBe('failing');
    expect(result.reason).toBe(
      'No connection of this workspace has the change_management purpose (disconnected ones do not count); ' +
        'connect the Jira site that holds change tickets with that purpose and configure its scope.',
    );
  });

  it('fails for a workspace without connections', () => {
    expect(checkTicketingSystemConfigured(snapshot()).status).toBe('failing');
  });
});
