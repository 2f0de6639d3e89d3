import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findWorkspaceByApiKey } from '../db/workspaces.js';
import { ApiError } from './errors.js';

/** Reads the token of an `Authorization: Bearer <token>` header, or null when there is none. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthenticated(message: string): ApiError {
  return new ApiError('UNAUTHENTICATED', 401, message);
}

/**
 * Lets a request through only with a valid workspace API key, and remembers which workspace it opens.
 * Keys are looked up by their SHA-256, so the key itself is never compared or stored.
 */
export function authenticateWorkspace(db: Kysely<Database>): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      throw unauthenticated('Send the workspace API key as `Authorization: Bearer <key>`.');
    }

    const workspace = await findWorkspaceByApiKey(db, token);
    if (!workspace) throw unauthenticated('The API key is not valid or has been revoked.');

    res.locals.workspaceId = workspace.id;
    next();
  };
}

/** The workspace the request's API key belongs to; only valid behind `authenticateWorkspace`. */
export function workspaceIdOf(res: Response): string {
  const workspaceId: unknown = res.locals.workspaceId;
  if (typeof workspaceId !== 'string') throw new Error('Route is not behind authenticateWorkspace');

  return workspaceId;
}

/**
 * Guards the operator's routes with `ADMIN_API_KEY`. Without that setting the admin API does not exist
 * (404), so a deployment that never configured it exposes nothing. Keys are compared in constant time
 * over their hashes, which also hides the key's length.
 */
export function authenticateAdmin(adminApiKey: string | undefined): RequestHandler {
  const expected = adminApiKey ? sha256(adminApiKey) : null;

  return (req, _res, next) => {
    if (!expected) {
      throw new ApiError(
        'ADMIN_API_DISABLED',
        404,
        'The admin API is disabled: set ADMIN_API_KEY to enable it.',
      );
    }

    const token = bearerToken(req.headers.authorization);
    if (!token || !timingSafeEqual(sha256(token), expected)) {
      throw unauthenticated('Send the admin API key (ADMIN_API_KEY) as `Authorization: Bearer <key>`.');
    }

    next();
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
