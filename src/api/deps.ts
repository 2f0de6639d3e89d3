import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { CredentialCipher } from '../db/credentials.js';
import type { Database } from '../db/schema.js';
import type { ConnectionOrchestrator } from './orchestrator.js';

/** The settings the API reads. */
export type ApiConfig = Pick<
  Config,
  'SYNC_INTERVAL_SECONDS' | 'ADMIN_API_KEY' | 'JIRA_ALLOWED_CUSTOM_DOMAINS' | 'JIRA_SITE_BASE_URLS'
>;

/** Everything the API needs from outside, passed in so tests can hand it fakes. */
export interface ApiDeps {
  db: Kysely<Database>;
  orchestrator: ConnectionOrchestrator;
  config: ApiConfig;
  cipher: CredentialCipher;
  logger: Logger;
  /** The time written to new rows; defaults to the system clock. */
  clock?: () => Date;
}

/** `ApiDeps` with the defaults applied; what routes receive. */
export type RouteDeps = Required<ApiDeps>;
