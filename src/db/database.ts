import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** Opens a pooled kysely instance on a PostgreSQL URL. Close it with `db.destroy()`. */
export function createDatabase(
  databaseUrl: string,
  options: { maxConnections?: number } = {},
): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
