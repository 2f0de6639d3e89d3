import type { z } from 'zod';
import { badResponse } from './response-errors.js';

/**
 * Reads a successful answer: JSON, of the shape `schema` describes. Anything else is JIRA_BAD_RESPONSE
 * naming up to three fields that were wrong (their paths and what was expected, never their values).
 */
export function parseAnswer<Schema extends z.ZodType>(
  schema: Schema,
  exchange: { method: string; path: string; status: number; text: string },
): z.output<Schema> {
  const { method, path, status, text } = exchange;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw badResponse(method, path, status, 'the body is not JSON.');
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw badResponse(method, path, status, `unexpected shape (${problems}).`);
  }

  return parsed.data;
}

/** The body of an error answer, if it is JSON (Jira's ErrorCollection, say); undefined otherwise. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
