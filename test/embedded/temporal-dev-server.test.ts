import { Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../src/embedded/free-port.js';
import {
  startTemporalDevServer,
  TemporalDevServerStartError,
  type TemporalDevServer,
} from '../../src/embedded/temporal-dev-server.js';
import { createLogger } from '../../src/logger.js';
import {
  connectionStatusKey,
  searchAttributeArgs,
  searchAttributeKeys,
} from '../../src/workflows/search-attributes.js';
import {
  createTestTemporal,
  installTestRuntime,
  uniqueTaskQueue,
  type TestTemporal,
} from '../support/temporal.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

describe('the run-wide Temporal dev server (test/support/global-setup.ts)', () => {
  let temporal: TestTemporal;

  beforeAll(async () => {
    temporal = await createTestTemporal();
  });

  afterAll(async () => {
    await temporal?.teardown();
  });

  it('answers on the provided address', async () => {
    const info = await temporal.client.workflowService.getSystemInfo({});

    expect(info.serverVersion).toMatch(/^1\.29\./);
  });

  it('has every custom search attribute registered as a keyword', async () => {
    const { customAttributes } = await temporal.client.connection.operatorService.listSearchAttributes({
      namespace: 'default',
    });

    for (const key of searchAttributeKeys) {
      expect(customAttributes?.[key.name], key.name).toBe(2); // INDEXED_VALUE_TYPE_KEYWORD
    }
  });

  it('runs a bundled workflow on a worker, and the workflow can set a search attribute', async () => {
    const workflowsPath = fileURLToPath(new URL('../support/fixtures-workflows.ts', import.meta.url));
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
    const taskQueue = uniqueTaskQueue('dev-server');
    const worker = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue,
      workflowBundle: { code },
    });
    const workflowId = `echo-${taskQueue}`;

    const result = await worker.runUntil(
      temporal.client.workflow.execute('echoWorkflow', { taskQueue, workflowId, args: ['hello'] }),
    );

    expect(result).toBe('echo: hello');
    const description = await temporal.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(connectionStatusKey)).toBe('active');
  });

  it('provides the workflow bundle of src/workflows when that entry point exists', async () => {
    const bundlePath = inject('workflowBundlePath');
    const entryExists = existsSync(fileURLToPath(new URL('../../src/workflows/index.ts', import.meta.url)));

    if (!entryExists) {
      expect(bundlePath).toBe('');
      return;
    }
    expect((await stat(bundlePath)).size).toBeGreaterThan(0);
  });
});

describe('startTemporalDevServer', () => {
  const binary = inject('temporalCliPath');

  beforeAll(() => {
    installTestRuntime();
  });

  it('starts from the located binary, answers, and frees its port when stopped', async () => {
    const server = await startTemporalDevServer({ binary, port: 0, headless: true, logger });
    const port = Number(server.address.split(':')[1]);
    try {
      expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(server.uiUrl).toBeNull();
      const connection = await Connection.connect({ address: server.address });
      try {
        expect((await connection.workflowService.getSystemInfo({})).serverVersion).toMatch(/^1\.29\./);
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }

    await server.stop(); // a second stop is harmless
    await expect(listenOn(port).then((listener) => listener.close())).resolves.toBeUndefined();
  });

  it('fails with the cause and the server output when the port is taken', async () => {
    const port = await findFreePort();
    const blocker = await listenOn(port);
    try {
      const error = await startTemporalDevServer({
        binary,
        port,
        headless: true,
        logger,
        startTimeoutMs: 20_000,
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(TemporalDevServerStartError);
      expect((error as TemporalDevServerStartError).code).toBe('TEMPORAL_DEV_SERVER_START_FAILED');
      expect((error as Error).message).toContain('exited with code 1 before it was ready');
      expect((error as Error).message).toContain(`Is port ${port} already in use?`);
      expect((error as Error).message).toContain('address already in use');
    } finally {
      await blocker.close();
    }
  });

  it('stops a dev server an earlier, killed start left running on the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'temporal-dev-server-test-'));
    const port = await findFreePort();
    const options = { binary, dataDir, port, headless: true, logger };
    let second: TemporalDevServer | undefined;
    try {
      // The first server is never stopped, as when `npm start` dies by SIGKILL.
      await startTemporalDevServer(options);
      const [leftover] = (await readFile(join(dataDir, 'temporal.pid'), 'utf8')).split(' ').map(Number);

      second = await startTemporalDevServer(options);

      expect(() => process.kill(leftover!, 0)).toThrow();
      expect(second.address).toBe(`127.0.0.1:${port}`);
      const [pid, owner] = (await readFile(join(dataDir, 'temporal.pid'), 'utf8')).split(' ').map(Number);
      expect(pid).not.toBe(leftover);
      expect(owner).toBe(process.pid);
    } finally {
      await second?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps workflows in <dataDir>/temporal.db across restarts, and serves the web UI', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'temporal-dev-server-test-'));
    const start = async () =>
      startTemporalDevServer({
        binary,
        dataDir,
        port: await findFreePort(),
        uiPort: await findFreePort(),
        searchAttributes: searchAttributeArgs,
        logger,
      });
    let server: TemporalDevServer | undefined;
    try {
      server = await start();
      expect(server.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(server.uiUrl ?? '')).status).toBe(200);
      await withConnection(server.address, (connection) =>
        connection.workflowService.startWorkflowExecution({
          namespace: 'default',
          workflowId: 'kept-across-restarts',
          workflowType: { name: 'neverRuns' },
          taskQueue: { name: 'nobody-polls' },
          requestId: 'kept-across-restarts',
        }),
      );
      await server.stop();

      server = await start();
      const described = await withConnection(server.address, (connection) =>
        connection.workflowService.describeWorkflowExecution({
          namespace: 'default',
          execution: { workflowId: 'kept-across-restarts' },
        }),
      );
      expect(described.workflowExecutionInfo?.type?.name).toBe('neverRuns');
      expect(existsSync(join(dataDir, 'temporal.db'))).toBe(true);
    } finally {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** Occupies a port; `close` also drops connections the code under test may have left open. */
function listenOn(port: number): Promise<{ close(): Promise<void> }> {
  return new Promise((resolveListen, reject) => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolveListen({
        close: () =>
          new Promise((resolveClose) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolveClose());
          }),
      }),
    );
  });
}
