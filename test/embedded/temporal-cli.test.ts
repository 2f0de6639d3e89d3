import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEMPORAL_CLI_VERSION,
  TemporalCliNotFoundError,
  ciCachePath,
  locateTemporalCli,
} from '../../src/embedded/temporal-cli.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger('silent');

describe('locateTemporalCli', () => {
  let root: string;
  let toolsDir: string;
  let home: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'temporal-cli-test-'));
    toolsDir = join(root, 'tools');
    home = join(root, 'home');
    await mkdir(home);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** An executable shell script; the scripts use shell built-ins only, because PATH is under test. */
  async function script(path: string, body = 'exit 0'): Promise<string> {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  }

  const locate = (env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof locateTemporalCli>[0]> = {}) =>
    locateTemporalCli({
      toolsDir,
      logger,
      env: { HOME: home, PATH: '', ...env },
      allowDownload: false,
      ...extra,
    });

  it('uses TEMPORAL_CLI_PATH before anything on the PATH', async () => {
    const explicit = await script(join(root, 'explicit', 'temporal'));
    const onPath = await script(join(root, 'bin', 'temporal'));

    expect(await locate({ TEMPORAL_CLI_PATH: explicit, PATH: join(onPath, '..') })).toBe(explicit);
  });

  it('fails with the variable named when TEMPORAL_CLI_PATH is not an executable file', async () => {
    await expect(locate({ TEMPORAL_CLI_PATH: join(root, 'missing') })).rejects.toThrow(
      `TEMPORAL_CLI_PATH is set to ${join(root, 'missing')}, which is not an executable file.`,
    );
  });

  it('finds an executable `temporal` on the PATH, skipping non-executable files', async () => {
    await mkdir(join(root, 'first'));
    await writeFile(join(root, 'first', 'temporal'), 'not executable');
    const onPath = await script(join(root, 'second', 'temporal'));

    expect(await locate({ PATH: [join(root, 'first'), join(root, 'second')].join(':') })).toBe(onPath);
  });

  it('reuses a build cached in the tools folder', async () => {
    const cached = await script(join(toolsDir, 'bin', 'temporal'));

    expect(await locate({})).toBe(cached);
  });

  it('reuses the CI cache under $HOME/.cache', async () => {
    const cached = await script(ciCachePath({ HOME: home }));

    expect(cached).toBe(join(home, '.cache', 'jira-compliance', 'temporal-v1.5.1', 'temporal'));
    expect(await locate({})).toBe(cached);
  });

  it('builds the pinned version with `go install` into <toolsDir>/bin when Go is on the PATH', async () => {
    const fakeGoDir = join(root, 'go-bin');
    await script(
      join(fakeGoDir, 'go'),
      [
        'printf "%s " "$@" > "$GOBIN/../go-args"',
        'printf "#!/bin/sh\\necho built\\n" > "$GOBIN/temporal"',
        '/bin/chmod 755 "$GOBIN/temporal"',
      ].join('\n'),
    );

    const binary = await locate({ PATH: fakeGoDir });

    expect(binary).toBe(join(toolsDir, 'bin', 'temporal'));
    expect(await readFile(join(toolsDir, 'go-args'), 'utf8')).toBe(
      `install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION} `,
    );
  });

  it('reports a failed Go build and what to install when nothing else works', async () => {
    await script(join(root, 'go-bin', 'go'), 'exit 3');

    const error = await locate({ PATH: join(root, 'go-bin') }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TemporalCliNotFoundError);
    expect((error as TemporalCliNotFoundError).code).toBe('TEMPORAL_CLI_NOT_FOUND');
    expect((error as Error).message).toContain('failed (exit code 3)');
    expect((error as Error).message).toContain('install Go 1.25 or newer');
    expect((error as Error).message).toContain('set TEMPORAL_CLI_PATH');
  });

  it('says what to install when there is no Go and no download', async () => {
    const error = await locate({}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TemporalCliNotFoundError);
    expect((error as Error).message).toContain('no `go` on the PATH to build it with');
  });

  describe('downloading the release archive', () => {
    let server: Server | undefined;

    afterEach(async () => {
      await new Promise((resolveClose) => server?.close(resolveClose) ?? resolveClose(undefined));
      server = undefined;
    });

    async function serve(body: Buffer | null): Promise<string> {
      server = createServer((_request, response) => {
        if (!body) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
      });
      await new Promise<void>((resolveListen) => server?.listen(0, '127.0.0.1', resolveListen));
      return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/cli/archive/v1.5.1`;
    }

    it('unpacks the binary from the archive into <toolsDir>/bin', async () => {
      const staging = join(root, 'staging');
      await script(join(staging, 'temporal'), 'echo downloaded');
      await writeFile(join(staging, 'LICENSE'), 'licence');
      const archive = execFileSync('tar', ['-czf', '-', '-C', staging, 'LICENSE', 'temporal']);
      const archiveUrl = await serve(archive);

      const binary = await locate({}, { allowDownload: true, archiveUrl });

      expect(binary).toBe(join(toolsDir, 'bin', 'temporal'));
      expect(execFileSync(binary, { encoding: 'utf8' })).toBe('downloaded\n');
    });

    it('lists a failed download among the attempts', async () => {
      const archiveUrl = await serve(null);

      await expect(locate({}, { allowDownload: true, archiveUrl })).rejects.toThrow(
        `downloading ${archiveUrl} failed: HTTP 404`,
      );
    });
  });
});
