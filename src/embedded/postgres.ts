import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ensureDataDir } from './data-dir.js';
import { findFreePort } from './free-port.js';

/**
 * Connections the socket server accepts: the service's one pool connection, plus room for a person to
 * look at the data with `psql` while the service runs.
 */
const SERVER_MAX_CONNECTIONS = 4;

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
  /**
   * How many connections the service's pool may open: one. PGlite is a single session, and the socket
   * server interleaves the extended-protocol messages of concurrent connections when a message spans
   * two TCP reads (electric-sql/pglite#1046, #985), so one pool connection keeps statements whole.
   */
  poolSize: 1;
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
 * port with @electric-sql/pglite-socket, so `npm start` needs no database server and the code reaches
 * it through the same `pg` driver and URL as in production. Open the service's pool with `poolSize`
 * connections (see there why it is one).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = await ensureDataDir(options.dataDir);
  const unlock = await lockDataDir(dataDir);

  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pg') });
    const host = '127.0.0.1';
    const port = options.port || (await findFreePort(host));
    const server = new PGLiteSocketServer({ db, host, port, maxConnections: SERVER_MAX_CONNECTIONS });
    await server.start();
    const url = `postgres://postgres@${host}:${port}/postgres?sslmode=disable`;
    options.logger.debug({ host, port }, 'embedded PostgreSQL listening');

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

    return { url, poolSize: 1, stop };
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
