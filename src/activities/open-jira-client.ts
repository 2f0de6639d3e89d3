import { ApplicationFailure } from '@temporalio/activity';
import { loadCredentials } from '../db/credentials.js';
import type { Connection } from '../db/schema.js';
import { basicAuth } from '../jira/auth.js';
import { resolveSiteBaseUrl } from '../jira/base-url.js';
import { JiraClient } from '../jira/client.js';
import type { ActivityDependencies } from './dependencies.js';

/**
 * Builds a Jira client for a connection from its stored credentials. The credentials stay inside this
 * process: they are decrypted here and never returned, logged or put in an error.
 */
export async function openJiraClient(
  deps: ActivityDependencies,
  connection: Connection,
  signal?: AbortSignal,
): Promise<JiraClient> {
  const credentials = await loadCredentials(deps.db, deps.cipher, connection.id);
  if (!credentials) {
    throw ApplicationFailure.create({
      type: 'CREDENTIALS_MISSING',
      message: 'The connection has no stored credentials; connect it again.',
      nonRetryable: true,
    });
  }

  return new JiraClient({
    baseUrl: resolveSiteBaseUrl(connection.site, deps.siteBaseUrls),
    auth: basicAuth(credentials.email, credentials.apiToken),
    signal,
    retry: deps.jiraRetry,
    logger: deps.logger,
  });
}
