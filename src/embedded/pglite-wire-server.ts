import type { PGlite } from '@electric-sql/pglite';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Logger } from 'pino';

export type PgliteWireServerLogger = Pick<Logger, 'warn' | 'debug'>;

export interface PgliteWireServerOptions {
  db: PGlite;
  /** Default `127.0.0.1`: there is no authentication. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: PgliteWireServerLogger;
  /** Connections beyond this are refused. Default 100. */
  maxConnections?: number;
  /** Warn when a connection has waited this long for another one's transaction to end. Default 10 s. */
  slowWaitWarningMs?: number;
}

export interface PgliteWireServer {
  host: string;
  port: number;
  /** Closes every connection (rolling back what they left open) and stops listening. Leaves `db` open. */
  stop(): Promise<void>;
}

/*
 * Why not `PGLiteSocketServer` from @electric-sql/pglite-socket (0.2.17)?
 *
 * PGlite is one PostgreSQL backend: one session, one transaction at a time. pglite-socket multiplexes many
 * connections onto it one protocol *message* at a time and keeps a connection's messages together only
 * while `isInTransaction()` is true, i.e. inside BEGIN … COMMIT. The extended protocol that `pg` uses for
 * every parameterised query (Parse, Bind, Describe, Execute, Sync) is not "in a transaction" between its
 * messages, so when one connection's messages arrive in two TCP reads — any parameter over ~64 KiB —
 * another connection's Parse can replace the unnamed statement before the first one's Bind. We saw
 * "bind message supplies 2 parameters, but prepared statement "" requires 1"; with matching parameter
 * shapes the statement would silently run with the other connection's values. Also, one exception in its
 * queue leaves it stuck for every connection. Upstream reports: electric-sql/pglite#1046 and #985.
 *
 * This server hands the backend to one connection from its first message until the backend reports
 * ReadyForQuery with status idle ('I'), i.e. at the end of a query cycle outside a transaction block.
 * Connections therefore take turns per statement outside transactions and per transaction inside them,
 * which is what the single session can honour.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

/** Serves the PostgreSQL wire protocol from a PGlite instance to any number of local clients, safely. */
export async function startPgliteWireServer(options: PgliteWireServerOptions): Promise<PgliteWireServer> {
  const host = options.host ?? '127.0.0.1';
  const gate = new SessionGate(options.logger, options.slowWaitWarningMs ?? 10_000);
  const connections = new Set<WireConnection>();
  await options.db.waitReady;

  const server = createServer((socket) => {
    const connection = new WireConnection(socket, options.db, gate, options.logger);
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  });
  server.maxConnections = options.maxConnections ?? 100;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    host,
    port,
    stop: async () => {
      const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await Promise.all([...connections].map((connection) => connection.close()));
      await closed;
    },
  };
}

/** One client connection: frames its messages and runs them on the shared backend while holding the gate. */
class WireConnection {
  readonly closed: Promise<void>;
  private input = Buffer.alloc(0);
  private started = false;
  private draining: Promise<void> = Promise.resolve();
  private readonly ready = new ReadyForQueryScanner();
  private readonly id = Symbol('connection');

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly gate: SessionGate,
    private readonly logger: PgliteWireServerLogger,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.input = this.input.length === 0 ? chunk : Buffer.concat([this.input, chunk]);
      this.draining = this.draining.then(() => this.drain()).catch((error: unknown) => this.fail(error));
    });
    socket.on('error', (error) =>
      this.logger.debug({ err: error }, 'embedded PostgreSQL client connection error'),
    );
    this.closed = new Promise((resolveClosed) => {
      socket.once('close', () => {
        void this.release().finally(resolveClosed);
      });
    });
  }

  /** Ends the connection; resolves once anything it left open has been rolled back. */
  async close(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.socket.destroyed) return;
      const message = this.started ? this.takeMessage() : this.takeStartupMessage();
      if (!message) return;
      await this.handle(message);
    }
  }

  private async handle(message: Buffer): Promise<void> {
    if (!this.started) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write('N'); // no encryption on a loopback-only server; the client carries on in plain text
        return;
      }
      if (code === CANCEL_REQUEST) {
        this.socket.end(); // PGlite has no separate backend to interrupt
        return;
      }
      this.started = true;
    } else if (message[0] === TERMINATE) {
      this.socket.end();
      return;
    }

    await this.gate.acquire(this.id);
    const ready = this.ready;
    ready.reset();
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (data) => {
          // PGlite may reuse the memory behind `data`, so copy before handing it to the socket.
          const copy = Buffer.from(data);
          ready.feed(copy);
          if (!this.socket.destroyed) this.socket.write(copy);
        },
      }),
    );
    if (ready.lastStatus === IDLE) this.gate.release(this.id);
  }

  /** A startup-phase message: Int32 length (itself included), then the body. */
  private takeStartupMessage(): Buffer | null {
    if (this.input.length < 8) return null;
    return this.take(this.input.readInt32BE(0));
  }

  /** A regular message: one type byte, then Int32 length (itself included), then the body. */
  private takeMessage(): Buffer | null {
    if (this.input.length < 5) return null;
    return this.take(1 + this.input.readInt32BE(1));
  }

  private take(length: number): Buffer | null {
    if (this.input.length < length) return null;
    const message = this.input.subarray(0, length);
    this.input = this.input.subarray(length);

    return message;
  }

  private fail(error: unknown): void {
    if (this.socket.destroyed) return; // the client left while its message waited for its turn
    this.logger.warn({ err: error }, 'embedded PostgreSQL connection failed; closing it');
    this.socket.destroy();
  }

  /**
   * Gives the backend back after the client left. If it left mid-cycle, what it started is rolled back:
   * a real server would end the backend process, which aborts the open transaction.
   */
  private async release(): Promise<void> {
    // Leave the queue first: a message still waiting for its turn is dropped, which ends the drain.
    this.gate.forget(this.id);
    await this.draining;
    if (!this.gate.isOwner(this.id)) return;

    try {
      await this.db.runExclusive(async () => {
        // ROLLBACK ends an explicit or implicit transaction unless the backend is skipping to the next Sync
        // after an error; the Sync then ends that state, and a last ROLLBACK closes a block still open.
        await this.db.execProtocolRaw(simpleQuery('ROLLBACK'));
        await this.db.execProtocolRaw(SYNC);
        if (this.db.isInTransaction()) await this.db.execProtocolRaw(simpleQuery('ROLLBACK'));
      });
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not roll back what a closed embedded PostgreSQL connection left open',
      );
    } finally {
      this.gate.release(this.id);
    }
  }
}

/** Mutual exclusion over the one backend session, first come first served. */
class SessionGate {
  private owner: symbol | null = null;
  private readonly waiting: Array<{ id: symbol; grant: () => void; refuse: (error: Error) => void }> = [];

  constructor(
    private readonly logger: PgliteWireServerLogger,
    private readonly slowWaitWarningMs: number,
  ) {}

  isOwner(id: symbol): boolean {
    return this.owner === id;
  }

  async acquire(id: symbol): Promise<void> {
    if (this.owner === id) return;
    if (this.owner === null) {
      this.owner = id;
      return;
    }

    const warning = setTimeout(() => {
      this.logger.warn(
        { waitedMs: this.slowWaitWarningMs },
        'a connection to the embedded PostgreSQL is waiting for another connection to finish its transaction; ' +
          'code that waits on a second connection while holding a transaction open never finishes here',
      );
    }, this.slowWaitWarningMs);
    warning.unref();
    try {
      await new Promise<void>((grant, refuse) => this.waiting.push({ id, grant, refuse }));
    } finally {
      clearTimeout(warning);
    }
  }

  release(id: symbol): void {
    if (this.owner !== id) return;
    const next = this.waiting.shift();
    this.owner = next?.id ?? null;
    next?.grant();
  }

  /** Drops a closed connection's place in the queue (it keeps the gate if it holds it; see `release`). */
  forget(id: symbol): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const waiter = this.waiting[i];
      if (waiter?.id !== id) continue;
      this.waiting.splice(i, 1);
      waiter.refuse(new Error('connection closed while waiting'));
    }
  }
}

/** Follows the backend's message frames across chunks and records the status of the last ReadyForQuery. */
class ReadyForQueryScanner {
  lastStatus: number | null = null;
  private header: number[] = [];
  private type = 0;
  private bodyLeft = 0;

  reset(): void {
    this.lastStatus = null;
  }

  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        // ReadyForQuery's body is its one status byte.
        if (this.type === READY_FOR_QUERY && this.bodyLeft === 1) this.lastStatus = chunk[i] ?? null;
        const skip = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= skip;
        i += skip;
        continue;
      }

      this.header.push(chunk[i] ?? 0);
      i += 1;
      if (this.header.length === 5) {
        const [type = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = this.header;
        this.type = type;
        this.bodyLeft = ((b1 << 24) | (b2 << 16) | (b3 << 8) | b4) - 4;
        this.header = [];
      }
    }
  }
}

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);

  return new Uint8Array(message);
}
