import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the scripted server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What to answer: a status with a JSON (or raw text) body, or a broken connection. */
export type ScriptedAnswer =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | { destroy: true }
  | { hang: true };

export interface ScriptedJiraServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny real HTTP server on 127.0.0.1 whose answers a test scripts, for behaviour the Jira simulator
 * does not offer (a chosen status sequence, a reset connection, a server that never answers).
 */
export async function startScriptedJiraServer(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer,
): Promise<ScriptedJiraServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
      };
      requests.push(recorded);
      respond(res, answer(recorded, requests.length - 1));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(res: ServerResponse, answer: ScriptedAnswer): void {
  if ('destroy' in answer) {
    res.socket?.destroy();
    return;
  }
  if ('hang' in answer) return;

  const body = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  res.writeHead(answer.status, {
    'content-type': answer.text === undefined ? 'application/json' : 'text/html',
    ...answer.headers,
  });
  res.end(body);
}

/** A port on 127.0.0.1 where nothing listens (for ECONNREFUSED). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return port;
}
