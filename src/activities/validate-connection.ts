import { ApplicationFailure } from '@temporalio/activity';
import { findConnectionById, updateConnectionStatus } from '../db/connection-status.js';
import { JiraError } from '../jira/errors.js';
import type { ConnectionRef, ValidationOutcome } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';
import { openJiraClient } from './open-jira-client.js';
import { toActivityFailure } from './to-failure.js';

/** What a person should do about each way the credentials can be refused. */
const PERMANENT_PROBLEMS: Record<string, string> = {
  JIRA_UNAUTHORIZED:
    'Jira rejected the e-mail and API token. Check that the token belongs to this e-mail, has not expired or been revoked, and was created for this site; then connect again.',
  JIRA_FORBIDDEN: 'Jira refused access for this account. Give the account access to Jira on this site.',
  JIRA_NOT_FOUND:
    'This site does not answer as a Jira Cloud site. Check the site name (yourcompany.atlassian.net).',
  JIRA_ENDPOINT_REMOVED: 'Jira answered that an API this service needs was removed. Upgrade the service.',
};

/**
 * Checks the stored credentials against Jira (`/myself`, then Jira admin rights) and records the
 * connection's status. Refused credentials are an outcome, not an exception: retrying cannot fix them,
 * and the workflow must not storm Jira with the same bad token.
 */
export function createValidateConnection(deps: ActivityDependencies) {
  return async function validateConnection({ connectionId }: ConnectionRef): Promise<ValidationOutcome> {
    const connection = await findConnectionById(deps.db, connectionId);
    if (!connection) {
      throw ApplicationFailure.create({
        type: 'CONNECTION_NOT_FOUND',
        message: 'Connection not found.',
        nonRetryable: true,
      });
    }

    try {
      const client = await openJiraClient(deps, connection);
      const myself = await client.getMyself();
      const permissions = await client.getMyPermissions(['ADMINISTER']);
      const isJiraAdmin = permissions.ADMINISTER?.havePermission === true;

      await deps.db
        .updateTable('connections')
        .set({ account_id: myself.accountId, updated_at: new Date() })
        .where('id', '=', connectionId)
        .execute();

      const needsAdmin = connection.purposes.includes('access_review');
      if (!isJiraAdmin && needsAdmin) {
        const outcome = {
          ok: false as const,
          code: 'JIRA_NOT_ADMIN',
          message:
            'The account is not a Jira administrator, which access reviews need (users, groups, application roles). Use an admin account or remove the access_review purpose.',
        };
        await updateConnectionStatus(deps.db, connectionId, { status: 'needs_attention', ...outcome });
        return outcome;
      }

      await updateConnectionStatus(deps.db, connectionId, { status: 'active', code: null, message: null });
      deps.logger.info({ connectionId, isJiraAdmin }, 'connection validated');
      return { ok: true, accountId: myself.accountId, isJiraAdmin };
    } catch (error) {
      if (error instanceof JiraError && PERMANENT_PROBLEMS[error.code]) {
        const outcome = {
          ok: false as const,
          code: error.code,
          message: PERMANENT_PROBLEMS[error.code] as string,
        };
        await updateConnectionStatus(deps.db, connectionId, { status: 'needs_attention', ...outcome });
        deps.logger.warn({ connectionId, code: error.code }, 'connection needs attention');
        return outcome;
      }
      throw toActivityFailure(error);
    }
  };
}
