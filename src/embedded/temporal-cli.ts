import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';

/**
 * The CLI release we run. v1.5.1 (Temporal Server 1.29.1) is the newest tag that a plain `go install`
 * can build: later tags carry a `replace` directive in their go.mod, which `go install pkg@version` refuses.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export type LocateTemporalCliLogger = Pick<Logger, 'info' | 'warn' | 'debug'>;

export interface LocateTemporalCliOptions {
  /** Where a built or downloaded binary is kept (`<toolsDir>/bin/temporal`). Default: `.tools` in the working directory. */
  toolsDir?: string;
  logger: LocateTemporalCliLogger;
  /** The environment to read `TEMPORAL_CLI_PATH`, `PATH` and `HOME` from. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Build with `go install` when Go is on the PATH. Default true. */
  allowBuild?: boolean;
  /** Download the official release archive as a last resort. Default true. */
  allowDownload?: boolean;
  /** The release archive to download. Default: temporal.download for this platform and architecture. */
  archiveUrl?: string;
}

/** Thrown when no Temporal CLI could be found, built or downloaded; the message says what to install. */
export class TemporalCliNotFoundError extends Error {
  readonly code = 'TEMPORAL_CLI_NOT_FOUND';

  constructor(readonly attempts: string[]) {
    super(
      [
        `No Temporal CLI (${TEMPORAL_CLI_VERSION}) was found, and none could be built or downloaded.`,
        'Do one of these:',
        '  - install the Temporal CLI (https://docs.temporal.io/cli, e.g. `brew install temporal`) so `temporal` is on the PATH;',
        `  - install Go 1.25 or newer so it can be built with \`go install ${GO_PACKAGE}\`;`,
        '  - or set TEMPORAL_CLI_PATH to a `temporal` binary.',
        'What was tried:',
        ...attempts.map((attempt) => `  - ${attempt}`),
      ].join('\n'),
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

/**
 * Finds a `temporal` binary to run the dev server with, building or downloading a pinned one only when
 * none is installed. The order — explicit path, PATH, cached build, Go build, release download — prefers
 * what the user already has and keeps the slow steps (minutes for a first Go build) for last.
 */
export async function locateTemporalCli(options: LocateTemporalCliOptions): Promise<string> {
  const env = options.env ?? process.env;
  const toolsDir = resolve(options.toolsDir ?? '.tools');
  const logger = options.logger;
  const attempts: string[] = [];

  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (await isExecutableFile(explicit)) return resolve(explicit);
    throw new Error(`TEMPORAL_CLI_PATH is set to ${explicit}, which is not an executable file.`);
  }
  attempts.push('TEMPORAL_CLI_PATH is not set');

  const onPath = await findOnPath('temporal', env.PATH ?? '');
  if (onPath) return onPath;
  attempts.push('no `temporal` on the PATH');

  const cached = [join(toolsDir, 'bin', 'temporal'), ciCachePath(env)];
  for (const candidate of cached) {
    if (await isExecutableFile(candidate)) return candidate;
  }
  attempts.push(`no cached build at ${cached.join(' or ')}`);

  const built = options.allowBuild === false ? null : await buildWithGo(toolsDir, env, logger, attempts);
  if (built) return built;

  const downloaded =
    options.allowDownload === false
      ? null
      : await downloadRelease(toolsDir, options.archiveUrl ?? defaultArchiveUrl(), logger, attempts);
  if (downloaded) return downloaded;

  throw new TemporalCliNotFoundError(attempts);
}

/** The CI cache, outside the repository: `$HOME/.cache/jira-compliance/temporal-v1.5.1/temporal`. */
export function ciCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(
    env.HOME ?? homedir(),
    '.cache',
    'jira-compliance',
    `temporal-${TEMPORAL_CLI_VERSION}`,
    'temporal',
  );
}

async function buildWithGo(
  toolsDir: string,
  env: NodeJS.ProcessEnv,
  logger: LocateTemporalCliLogger,
  attempts: string[],
): Promise<string | null> {
  const go = await findOnPath('go', env.PATH ?? '');
  if (!go) {
    attempts.push('no `go` on the PATH to build it with');
    return null;
  }

  const binDir = join(toolsDir, 'bin');
  await mkdir(binDir, { recursive: true });
  logger.info(
    { binDir },
    `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go; the first build takes several minutes`,
  );

  const exitCode = await runStreaming(go, ['install', GO_PACKAGE], { ...env, GOBIN: binDir }, logger);
  const binary = join(binDir, 'temporal');
  if (exitCode === 0 && (await isExecutableFile(binary))) {
    logger.info({ binary }, 'Temporal CLI built');
    return binary;
  }

  attempts.push(
    `\`go install ${GO_PACKAGE}\` failed (exit code ${exitCode}); its output is in the log above`,
  );
  return null;
}

async function downloadRelease(
  toolsDir: string,
  archiveUrl: string | null,
  logger: LocateTemporalCliLogger,
  attempts: string[],
): Promise<string | null> {
  if (!archiveUrl) {
    attempts.push(`no release archive for ${process.platform}/${process.arch}`);
    return null;
  }

  // Inside toolsDir, so the final rename never crosses file systems.
  await mkdir(toolsDir, { recursive: true });
  const workDir = await mkdtemp(join(toolsDir, 'download-'));
  try {
    logger.info({ url: archiveUrl }, `downloading the Temporal CLI ${TEMPORAL_CLI_VERSION}`);
    const response = await fetch(archiveUrl, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const archive = join(workDir, 'temporal.tar.gz');
    await writeFile(archive, Buffer.from(await response.arrayBuffer()));

    // The official archives hold the `temporal` binary at their root, beside a licence file.
    const tarExit = await runStreaming('tar', ['-xzf', archive, '-C', workDir], process.env, logger);
    if (tarExit !== 0) throw new Error(`tar exited with ${tarExit}`);
    if (!(await isExecutableFile(join(workDir, 'temporal'))))
      throw new Error('the archive holds no `temporal` binary');

    const binDir = join(toolsDir, 'bin');
    await mkdir(binDir, { recursive: true });
    const binary = join(binDir, 'temporal');
    // Renamed into place so a half-written binary is never found by the next run.
    await rename(join(workDir, 'temporal'), binary);
    logger.info({ binary }, 'Temporal CLI downloaded');
    return binary;
  } catch (error) {
    attempts.push(
      `downloading ${archiveUrl} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function defaultArchiveUrl(): string | null {
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform as string];
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string];
  if (!platform || !arch) return null;

  return `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
}

/** Runs a command, logging each output line as progress; resolves with the exit code (-1 if it could not start). */
function runStreaming(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logger: LocateTemporalCliLogger,
): Promise<number> {
  return new Promise((resolveExit) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => logger.info({ command }, line));
    }
    child.once('error', (error) => {
      logger.warn({ command, err: error }, 'could not run command');
      resolveExit(-1);
    });
    child.once('close', (code) => resolveExit(code ?? -1));
  });
}

async function findOnPath(name: string, pathVariable: string): Promise<string | null> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(resolve(dir), name);
    if (await isExecutableFile(candidate)) return candidate;
  }

  return null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
