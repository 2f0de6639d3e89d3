import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as checkResultSyncRuns from './migrations/0002-check-result-sync-runs.js';
import * as oneLiveConnectionPerSite from './migrations/0003-one-live-connection-per-site.js';
import * as syncRunCheckpoint from './migrations/0004-sync-run-checkpoint.js';
import type { Database } from './schema.js';

/**
 * Migrations are listed here rather than read from a folder, so the same list works from TypeScript
 * sources, from a compiled build and from a bundle.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-check-result-sync-runs': checkResultSyncRuns,
  '0003-one-live-connection-per-site': oneLiveConnectionPerSite,
  '0004-sync-run-checkpoint': syncRunCheckpoint,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Brings the schema up to date. Safe to run twice and from several processes at once (kysely locks). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;

  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
