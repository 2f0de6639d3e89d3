import { PGlite } from '@electric-sql/pglite';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ensureDataDir } from './data-dir.js';
import { startPgliteWireServer } from './pglite-wire-server.js';

export interface EmbeddedPostgresOptions {
  /** The data folder; the database lives in `<dataDir>/pg`. */
  dataDir: string;
  /** The loopback port to serve on; 0 (the default) picks a free one. */
  port?: number;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

export interface EmbeddedPostgres {
  /** A `postgres://` URL for `pg` / `createDatabase`. */
  url: string;
  /** Closes every connection, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when another live process already serves the same data folder. */
export class EmbeddedPostgresLockedError extends Error {
  readonly code = 'EMBEDDED_POSTGRES_LOCKED';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already in use by process ${pid}. Stop it, or use another DATA_DIR.`,
    );
    this.name = 'EmbeddedPostgresLockedError';
  }
}

/**
 * Runs PostgreSQL in-process (PGlite, PostgreSQL compiled to WebAssembly) and serves it on a loopback
 * port, so `npm start` needs no database server and the code reaches it through the same `pg` driver and
 * URL as in production.
 *
 * Any number of connections is safe: they take turns on PGlite's single session per statement, and per
 * transaction inside BEGIN … COMMIT (see pglite-wire-server.ts). Two consequences differ from a real
 * server: a connection that keeps a transaction open stalls every other connection until it ends, and
 * session state (SET, session advisory locks, temporary tables, named prepared statements) is shared by
 * all connections.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = await ensureDataDir(options.dataDir);
  const unlock = await lockDataDir(dataDir);

  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pg') });
    const server = await startPgliteWireServer({ db, port: options.port ?? 0, logger: options.logger });
    const url = `postgres://postgres@${server.host}:${server.port}/postgres?sslmode=disable`;
    options.logger.debug({ host: server.host, port: server.port }, 'embedded PostgreSQL listening');

    let stopping: Promise<void> | undefined;
    const database = db;
    const stop = () => {
      stopping ??= (async () => {
        await server.stop();
        await database.close();
        await unlock();
      })();
      return stopping;
    };

    return { url, stop };
  } catch (error) {
    await db?.close().catch(() => {});
    await unlock();
    throw error;
  }
}

/**
 * PGlite does not guard its files against a second process, and two writers would corrupt them, so the
 * folder is claimed with a pid file. A file left by a process that no longer runs is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'pg.lock');

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => unlink(lockPath).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const pid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid))
      throw new EmbeddedPostgresLockedError(dataDir, pid);
    await unlink(lockPath).catch(() => {});
  }

  throw new Error(`Could not claim ${lockPath}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
