import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JiraSimulator } from '../../src/simulator/index.js';

/** Helpers shared by the simulator's tests. */

export const NOW = new Date('2025-06-01T12:00:00.000Z');

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const sharedExists = existsSync(path.join(sharedRoot, 'jira'));

export function basicAuth(login: { email: string; apiToken: string }): string {
  return `Basic ${Buffer.from(`${login.email}:${login.apiToken}`).toString('base64')}`;
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** Calls the simulator as the API user (or `login`), parsing a JSON answer when there is one. */
export async function call<T = unknown>(
  simulator: JiraSimulator,
  pathAndQuery: string,
  options: {
    method?: string;
    body?: unknown;
    login?: { email: string; apiToken: string };
    authorization?: string;
  } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${simulator.baseUrl}${pathAndQuery}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: options.authorization ?? basicAuth(options.login ?? simulator.scenario.credentials),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }

  return { status: response.status, headers: response.headers, text, body: body as T };
}

/** Jira's timestamp form, read with the platform's parser so that tests do not share the simulator's. */
export function epochOf(timestamp: string): number {
  const value = new Date(timestamp).getTime();
  if (Number.isNaN(value)) throw new Error(`Unparseable timestamp ${timestamp}`);
  return value;
}

export const DAY_MS = 86_400_000;
