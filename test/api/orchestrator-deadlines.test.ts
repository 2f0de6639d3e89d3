import { Client, Connection } from '@temporalio/client';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTemporalOrchestrator,
  TemporalTimeoutError,
  type ConnectionOrchestrator,
} from '../../src/api/orchestrator.js';

/**
 * A Temporal server that froze: it accepts TCP connections and never answers. Without deadlines every
 * call to it waits forever, and so does the HTTP request behind it.
 */
async function startFrozenServer(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the Temporal orchestrator against a server that never answers', () => {
  const CALL_TIMEOUT_MS = 300;
  const JQL_CHECK_TIMEOUT_MS = 600;
  let frozen: Awaited<ReturnType<typeof startFrozenServer>>;
  let connection: Connection;
  let orchestrator: ConnectionOrchestrator;

  beforeAll(async () => {
    frozen = await startFrozenServer();
    connection = Connection.lazy({ address: frozen.address });
    orchestrator = createTemporalOrchestrator(
      new Client({ connection }),
      'never-polled',
      {},
      { callTimeoutMs: CALL_TIMEOUT_MS, jqlCheckTimeoutMs: JQL_CHECK_TIMEOUT_MS },
    );
  });
  afterAll(async () => {
    await connection.close();
    await frozen.close();
  });

  const connectionId = '00000000-0000-4000-8000-000000000001';
  const calls: Array<[string, number, () => Promise<unknown>]> = [
    [
      'the workflow start',
      CALL_TIMEOUT_MS,
      () =>
        orchestrator.startConnection({
          connectionId,
          workspaceId: '00000000-0000-4000-8000-000000000002',
          site: 'acme.atlassian.net',
          syncIntervalMs: 60_000,
        }),
    ],
    ['the sync signal', CALL_TIMEOUT_MS, () => orchestrator.requestSync(connectionId)],
    ['the disconnect signal', CALL_TIMEOUT_MS, () => orchestrator.disconnect(connectionId)],
    ['the state query', CALL_TIMEOUT_MS, () => orchestrator.getState(connectionId)],
    ['the JQL check', JQL_CHECK_TIMEOUT_MS, () => orchestrator.checkScopeJql(connectionId, 'labels = x')],
  ];

  it.each(calls)(
    'gives up on %s after its deadline (%i ms) with TemporalTimeoutError',
    async (operation, timeoutMs, call) => {
      const startedAt = Date.now();

      const error = await call().then(
        () => null,
        (caught: unknown) => caught,
      );

      const elapsed = Date.now() - startedAt;
      expect(error).toBeInstanceOf(TemporalTimeoutError);
      expect(error).toMatchObject({ code: 'TEMPORAL_TIMEOUT', operation, timeoutMs });
      expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
      expect(elapsed).toBeLessThan(timeoutMs + 2_000);
    },
  );
});
