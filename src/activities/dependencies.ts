import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CredentialCipher } from '../db/credentials.js';
import type { Database } from '../db/schema.js';

/** What activities need from the outside world, passed in once when the worker starts. */
export interface ActivityDependencies {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  logger: Logger;
  /** Test-only routing of sites to another base URL (a Jira simulator). Empty in production. */
  siteBaseUrls?: Record<string, string>;
  /** Overrides the Jira client's retry budget (tests shorten it). */
  jiraRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  clock?: () => Date;
}
