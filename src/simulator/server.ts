import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, unauthorized } from './authenticate.js';
import { faultResponse } from './fault-response.js';
import { FaultInjector } from './faults.js';
import { BadRequestError, errorCollection, type SimResponse } from './http-response.js';
import { IssueStore, type IssueChanges, type NewIssue } from './issue-store.js';
import { ROUTES } from './routes/index.js';
import { DEFAULT_PAGE_SIZE_CAPS, type PageSizeCaps, type SimulatorState } from './simulator-state.js';
import type { GlobalPermissionKey, JiraIssue, JiraScenario } from './types.js';

export interface JiraSimulatorOptions {
  /** The site to serve; it is copied, so the caller's object never changes. */
  scenario: JiraScenario;
  /** @default 0, any free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Page-size caps per endpoint; unset ones keep their defaults (project/search 50, search/jql 100, statuses/search 200). */
  pageSizeCaps?: Partial<PageSizeCaps>;
  /**
   * The simulator's "now": `serverTime`, JQL `now()` and periods such as `-30d`, and the time mutations
   * happen at. @default () => new Date()
   */
  clock?: () => Date;
}

/** One request as the simulator saw it, including those refused with 401 or hit by a fault. */
export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  /** Query parameters; a repeated parameter's values are joined with commas. */
  query: Record<string, string>;
  /** The parsed JSON body, if there was one. */
  body?: unknown;
  /** The status answered; 0 when a fault dropped the connection. */
  status: number;
  /** The JQL of a search, from the query string or the body. */
  jql?: string;
  /** Epoch milliseconds (real time) when the request arrived. */
  receivedAt: number;
}

export interface JiraSimulator {
  /** E.g. `http://127.0.0.1:41234`; every `self` link of the scenario is served under it. */
  readonly baseUrl: string;
  /** The live scenario: mutations and permission changes show up here. */
  readonly scenario: JiraScenario;
  /** Every request so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  readonly faults: FaultInjector;
  resetRequests(): void;
  /** Changes an issue (by key or id) as a person would, bumping its `updated`. */
  updateIssue(idOrKey: string, changes: IssueChanges): JiraIssue;
  addIssue(input: NewIssue): JiraIssue;
  deleteIssue(idOrKey: string): void;
  /** Grants or revokes a global permission, e.g. to make the API user a non-admin. */
  setGlobalPermission(accountId: string, permission: GlobalPermissionKey, held: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts a Jira Cloud simulator on loopback: a real HTTP server that answers the REST v3 endpoints the
 * service uses, with Jira's shapes, paging, errors and failure modes, over the given scenario.
 */
export async function startJiraSimulator(options: JiraSimulatorOptions): Promise<JiraSimulator> {
  const scenario = structuredClone(options.scenario);
  const state: SimulatorState = {
    scenario,
    store: new IssueStore(scenario),
    caps: { ...DEFAULT_PAGE_SIZE_CAPS, ...options.pageSizeCaps },
    clock: options.clock ?? (() => new Date()),
  };
  const simulator = new RunningSimulator(state);
  await simulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');

  return simulator;
}

class RunningSimulator implements JiraSimulator {
  readonly faults = new FaultInjector();
  baseUrl = '';
  private recorded: RecordedRequest[] = [];
  private readonly server: Server;

  constructor(private readonly state: SimulatorState) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  get scenario(): JiraScenario {
    return this.state.scenario;
  }

  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }

  resetRequests(): void {
    this.recorded = [];
  }

  updateIssue(idOrKey: string, changes: IssueChanges): JiraIssue {
    return this.state.store.update(idOrKey, changes, this.state.clock());
  }

  addIssue(input: NewIssue): JiraIssue {
    return this.state.store.add(input, this.state.scenario.credentials.accountId, this.state.clock());
  }

  deleteIssue(idOrKey: string): void {
    this.state.store.remove(idOrKey);
  }

  setGlobalPermission(accountId: string, permission: GlobalPermissionKey, held: boolean): void {
    const current = this.state.scenario.globalPermissions[accountId] ?? [];
    const others = current.filter((key) => key !== permission);
    this.state.scenario.globalPermissions[accountId] = held ? [...others, permission] : others;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', this.baseUrl);
    const text = await readText(request);
    const body = parseJson(text);
    const record = (status: number) =>
      this.recorded.push({
        method,
        path: url.pathname,
        query: flatten(url.searchParams),
        ...(body.ok && body.value !== undefined ? { body: body.value } : {}),
        status,
        ...jqlOf(url.searchParams, body.value),
        receivedAt,
      });

    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
    const fault = this.faults.take(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.resetConnection) {
      record(0);
      request.socket.destroy();
      return;
    }

    const answer =
      fault?.status !== undefined
        ? faultResponse({ ...fault, status: fault.status }, this.state.scenario.siteUrl, Date.now())
        : this.answer(request, method, url, body);
    this.send(response, answer);
    record(answer.status);
  }

  private answer(
    request: IncomingMessage,
    method: string,
    url: URL,
    body: { ok: boolean; value?: unknown },
  ): SimResponse {
    const login = authenticate(request.headers.authorization, this.state.scenario.logins);
    if (!login) return unauthorized(this.state.scenario.siteUrl);

    const handlers = ROUTES.get(url.pathname);
    if (!handlers) return errorCollection(404, [`No resource found for ${method} ${url.pathname}.`]);
    const handler = handlers[method];
    if (!handler) return errorCollection(405, [`Method ${method} is not allowed on ${url.pathname}.`]);
    if (!body.ok) return errorCollection(400, ['The request body is not valid JSON.']);

    try {
      return handler(
        {
          method,
          path: url.pathname,
          query: url.searchParams,
          body: body.value,
          login,
          baseUrl: this.baseUrl,
        },
        this.state,
      );
    } catch (error) {
      if (error instanceof BadRequestError) return errorCollection(400, [error.message]);
      // The simulator's own bug: say so plainly, it only ever talks to tests.
      return errorCollection(500, [
        `Jira simulator failure: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
  }

  private send(response: ServerResponse, answer: SimResponse): void {
    const { siteUrl } = this.state.scenario;
    const text =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body).replaceAll(siteUrl, this.baseUrl);
    response.writeHead(answer.status, {
      'Content-Type': answer.contentType ?? 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
      ...answer.headers,
    });
    response.end(text);
  }
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: boolean; value?: unknown } {
  if (text.trim() === '') return { ok: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function flatten(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of new Set(params.keys())) result[name] = params.getAll(name).join(',');
  return result;
}

function jqlOf(params: URLSearchParams, body: unknown): { jql?: string } {
  const fromBody =
    typeof body === 'object' && body !== null && 'jql' in body && typeof body.jql === 'string'
      ? body.jql
      : undefined;
  const jql = params.get('jql') ?? fromBody;
  return jql === undefined ? {} : { jql };
}
