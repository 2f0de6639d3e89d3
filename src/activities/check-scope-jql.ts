import { ApplicationFailure } from '@temporalio/activity';
import { findConnectionById } from '../db/connection-status.js';
import { JiraError } from '../jira/errors.js';
import { userJql } from '../jira/jql.js';
import type { JqlCheckInput, JqlCheckOutcome } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';
import { openJiraClient } from './open-jira-client.js';
import { toActivityFailure } from './to-failure.js';

/**
 * Asks Jira whether a scope's JQL is valid, by running it for one issue. Only Jira knows the site's
 * fields, custom fields and functions, so this is the only reliable check before the JQL is saved.
 */
export function createCheckScopeJql(deps: ActivityDependencies) {
  return async function checkScopeJql({ connectionId, jql }: JqlCheckInput): Promise<JqlCheckOutcome> {
    const connection = await findConnectionById(deps.db, connectionId);
    if (!connection) {
      throw ApplicationFailure.create({
        type: 'CONNECTION_NOT_FOUND',
        message: 'Connection not found.',
        nonRetryable: true,
      });
    }

    try {
      // Only to refuse unbalanced quotes or parentheses early; the text goes to Jira as given.
      userJql(jql);
    } catch (error) {
      return { ok: false, code: 'SCOPE_JQL_INVALID', messages: [(error as Error).message] };
    }

    try {
      const client = await openJiraClient(deps, connection);
      await client.searchIssuesPage({ jql, maxResults: 1 });
      return { ok: true };
    } catch (error) {
      if (
        error instanceof JiraError &&
        (error.code === 'JIRA_INVALID_JQL' || error.code === 'JIRA_BAD_REQUEST')
      ) {
        return { ok: false, code: 'SCOPE_JQL_INVALID', messages: [...error.jiraMessages] };
      }
      if (error instanceof JiraError && !error.retryable) {
        return {
          ok: false,
          code: 'SCOPE_JQL_UNVERIFIED',
          messages: [`Jira could not be asked to check the JQL (${error.code}); fix the connection first.`],
        };
      }
      throw toActivityFailure(error);
    }
  };
}
