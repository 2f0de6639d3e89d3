import { createHash } from 'node:crypto';

/**
 * `/search/jql` continuation tokens that need no server memory: the offset of the next page and a hash
 * of the query it belongs to. A client that crashed mid-sync can resume with a saved token, even against
 * a restarted simulator, and a token replayed with a different query is refused.
 */

export class PageTokenError extends Error {
  readonly code = 'PAGE_TOKEN_INVALID';
}

export function encodePageToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: queryHash(jql) })).toString('base64url');
}

/** The offset the token points at; throws PageTokenError if it is malformed or made for another query. */
export function decodePageToken(token: string, jql: string): number {
  const payload = readPayload(token);
  if (!payload) throw new PageTokenError('The page token is not one this server issued.');
  if (payload.h !== queryHash(jql)) throw new PageTokenError('The page token belongs to a different query.');

  return payload.o;
}

function readPayload(token: string): { o: number; h: unknown } | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null || !('o' in payload) || !('h' in payload))
      return undefined;
    const { o, h } = payload;
    return typeof o === 'number' && Number.isSafeInteger(o) && o >= 0 ? { o, h } : undefined;
  } catch {
    return undefined;
  }
}

function queryHash(jql: string): string {
  return createHash('sha256').update(jql.trim()).digest('base64url').slice(0, 16);
}
