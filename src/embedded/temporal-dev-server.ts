import { Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { findFreePort } from './free-port.js';

export type TemporalDevServerLogger = Pick<Logger, 'info' | 'warn' | 'debug'>;

export interface TemporalDevServerOptions {
  /** The `temporal` CLI binary (see `locateTemporalCli`). */
  binary: string;
  /** Keep workflow state in `<dataDir>/temporal.db`. Without it the server keeps everything in memory. */
  dataDir?: string;
  /** The gRPC frontend port; 0 picks a free one. */
  port: number;
  /** The web UI port. Default: the CLI's own, `port + 1000`. Ignored when `headless`. */
  uiPort?: number;
  /** Run without the web UI. Default false. */
  headless?: boolean;
  /** The address to bind. Default `127.0.0.1`: the dev server has no authentication. */
  ip?: string;
  /** Custom search attributes to register on the `default` namespace, as `Name=Type` strings. */
  searchAttributes?: readonly string[];
  logger: TemporalDevServerLogger;
  /** More `temporal server start-dev` arguments, e.g. `--dynamic-config-value KEY=VALUE`. */
  extraArgs?: readonly string[];
  /** How long to wait for the server to answer. Default 60 s: a first start on a busy 2-core machine is slow. */
  startTimeoutMs?: number;
}

export interface TemporalDevServer {
  /** `host:port` of the gRPC frontend, for `Connection.connect({ address })`. */
  address: string;
  /** The web UI, or null when headless. */
  uiUrl: string | null;
  /** Stops the server: SIGTERM, then SIGKILL if it has not exited after 10 s. Safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when the dev server exits before it is ready or does not answer in time. */
export class TemporalDevServerStartError extends Error {
  readonly code = 'TEMPORAL_DEV_SERVER_START_FAILED';

  constructor(message: string) {
    super(message);
    this.name = 'TemporalDevServerStartError';
  }
}

const STOP_GRACE_MS = 10_000;
const STDERR_TAIL_LINES = 20;
/** How long to wait for the CLI's "Server: host:port" line before polling anyway (its output may change). */
const ANNOUNCE_WAIT_MS = 10_000;

/**
 * Starts `temporal server start-dev` as a child process and resolves once it serves the `default`
 * namespace with the requested search attributes. We start it ourselves rather than through the SDK's
 * `TestWorkflowEnvironment.createLocal` because the SDK gives the server only 5 s to come up, and
 * because a failure here should say why (a port in use, a bad flag) instead of timing out.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port === 0 ? await findFreePort(ip) : options.port;
  const uiPort = options.headless ? null : (options.uiPort ?? Math.min(port + 1000, 65535));
  const address = `${ip}:${port}`;

  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port)];
  args.push(...(uiPort === null ? ['--headless'] : ['--ui-port', String(uiPort)]));
  const pidFile = options.dataDir ? join(options.dataDir, 'temporal.pid') : null;
  if (options.dataDir && pidFile) {
    await mkdir(options.dataDir, { recursive: true });
    const dbFile = join(options.dataDir, 'temporal.db');
    await stopLeftoverServer(pidFile, dbFile, options.logger);
    args.push('--db-filename', dbFile);
  }
  args.push('--log-level', 'warn');
  for (const attribute of options.searchAttributes ?? []) args.push('--search-attribute', attribute);
  args.push(...(options.extraArgs ?? []));

  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the server must
  // outlive the worker's drain; `stop()` ends it last.
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (pidFile && child.pid) await writeFile(pidFile, `${child.pid} ${process.pid}`, { mode: 0o600 });
  const output = captureOutput(child, options.logger);
  const exited = new Promise<string>((resolveExit) => {
    child.once('exit', (code, signal) =>
      resolveExit(signal ? `was killed by ${signal}` : `exited with code ${code}`),
    );
    child.once('error', (error) => resolveExit(`could not be started: ${error.message}`));
  });
  const stop = async () => {
    await stopChild(child, exited);
    if (pidFile) await rm(pidFile, { force: true });
  };

  const attributeNames = (options.searchAttributes ?? []).map(
    (attribute) => attribute.split('=')[0] ?? attribute,
  );
  const polling = new AbortController();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const failure = await Promise.race([
    // Polling only once the CLI says it is serving keeps us from talking gRPC to whatever else holds the port.
    Promise.race([
      output.announced,
      sleep(Math.min(ANNOUNCE_WAIT_MS, timeoutMs), undefined, { ref: false }),
    ]).then(() => waitUntilReady(address, attributeNames, deadline, polling.signal)),
    exited.then((how) => `The Temporal dev server ${how} before it was ready`),
  ]);
  polling.abort();
  if (failure !== null) {
    await stop();
    const ports = uiPort === null ? `port ${port}` : `port ${port} or ${uiPort}`;
    throw new TemporalDevServerStartError(
      `${failure}. Is ${ports} already in use? Command: ${options.binary} ${args.join(' ')}\n` +
        `Last lines of its output:\n${output.tail() || '(none)'}`,
    );
  }

  const uiUrl = uiPort === null ? null : `http://${ip}:${uiPort}`;
  options.logger.info({ address, uiUrl }, 'Temporal dev server started');
  let stopping = false;
  void exited.then((how) => {
    if (!stopping)
      options.logger.warn({ address, output: output.tail() }, `Temporal dev server ${how} unexpectedly`);
  });

  return {
    address,
    uiUrl,
    stop: () => {
      stopping = true;
      return stop();
    },
  };
}

/**
 * Polls until the frontend answers, the `default` namespace exists and the custom search attributes are
 * registered. Resolves with null when ready and with a failure message at the deadline, so the caller can
 * add the server's output; stops quietly when `signal` aborts (the server exited).
 */
async function waitUntilReady(
  address: string,
  attributeNames: string[],
  deadline: number,
  signal: AbortSignal,
): Promise<string | null> {
  let lastError = 'no answer yet';
  // One lazy connection for all attempts: a failed `Connection.connect` leaves its channel open behind it.
  const connection = Connection.lazy({ address });
  try {
    while (Date.now() < deadline && !signal.aborted) {
      try {
        const { customAttributes } = await connection.withDeadline(Date.now() + 2_000, async () => {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          return connection.operatorService.listSearchAttributes({ namespace: 'default' });
        });
        const missing = attributeNames.filter((name) => !customAttributes || !(name in customAttributes));
        if (missing.length === 0) return null;
        lastError = `search attributes not registered yet: ${missing.join(', ')}`;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      await sleep(250);
    }
  } finally {
    await connection.close().catch(() => {});
  }

  if (signal.aborted) return null; // the other side of the race has already decided
  return `The Temporal dev server at ${address} did not become ready in time (last error: ${lastError})`;
}

/**
 * Forwards the server's output to the debug log, keeps the last lines of stderr for error messages, and
 * resolves `announced` when the CLI prints its "Server: host:port" line, which it does once it is serving.
 */
function captureOutput(
  child: ChildProcess,
  logger: TemporalDevServerLogger,
): { announced: Promise<void>; tail(): string } {
  const lines: string[] = [];
  let announce: () => void = () => {};
  const announced = new Promise<void>((resolveAnnounced) => (announce = resolveAnnounced));

  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('Server:')) announce();
      logger.debug({ component: 'temporal-dev-server' }, line);
    });
  }
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      if (lines.length > STDERR_TAIL_LINES) lines.shift();
      logger.debug({ component: 'temporal-dev-server' }, line);
    });
  }

  return { announced, tail: () => lines.join('\n') };
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;

  child.kill('SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (graceful) return;

  child.kill('SIGKILL');
  await exited;
}

/**
 * A service killed with SIGKILL leaves its dev server running, holding the ports and the database file.
 * The next start of the same data folder stops that server first, but only if the recorded process is
 * still a dev server of this very database file and the service that started it is gone; a live one
 * means the folder is in use.
 */
async function stopLeftoverServer(
  pidFile: string,
  dbFile: string,
  logger: TemporalDevServerLogger,
): Promise<void> {
  const [pid, owner] = (await readFile(pidFile, 'utf8').catch(() => '')).split(' ').map(Number);
  if (!pid || !Number.isInteger(pid) || pid <= 0) return;

  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (commandLine.includes('start-dev') && commandLine.includes(dbFile)) {
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new TemporalDevServerStartError(
        `The Temporal dev server of ${dbFile} belongs to process ${owner}, which is still running. ` +
          'Stop it, or use another DATA_DIR.',
      );
    }
    logger.warn({ pid }, 'stopping a Temporal dev server left running by an earlier start');
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
