import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface Workspace {
  id: string;
  name: string;
  createdAt: Date;
}

export interface CreatedWorkspace {
  workspace: Workspace;
  /** The API key in clear text. Only its hash is stored, so this is the one chance to read it. */
  apiKey: string;
}

const API_KEY_PREFIX = 'jcw_';

/** A new workspace API key: `jcw_` and 32 random bytes in base64url (256 bits of entropy). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** How keys are stored and looked up: SHA-256, hex. Keys are random, so no salt or slow hash is needed. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * The start of a key, kept so a person can tell keys apart. At most a quarter of the key is kept, so a
 * short key chosen by an operator does not give most of itself away.
 */
function keyPrefix(apiKey: string): string {
  return apiKey.slice(0, Math.min(8, Math.floor(apiKey.length / 4)));
}

/** Creates a workspace and its first API key (a new random one unless `apiKey` is given). */
export async function createWorkspace(
  db: Kysely<Database>,
  name: string,
  apiKey: string = generateApiKey(),
): Promise<CreatedWorkspace> {
  const id = randomUUID();

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('workspaces')
      .values({ id, name })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        workspace_id: id,
        key_hash: hashApiKey(apiKey),
        key_prefix: keyPrefix(apiKey),
      })
      .execute();

    return { workspace: { id: row.id, name: row.name, createdAt: row.created_at }, apiKey };
  });
}

/**
 * Returns the workspace that `apiKey` belongs to, creating it under `name` the first time. The embedded
 * start uses it so a configured key keeps pointing at the same workspace across restarts. Safe when two
 * processes race: the loser finds the winner's workspace.
 */
export async function ensureWorkspaceWithKey(
  db: Kysely<Database>,
  name: string,
  apiKey: string,
): Promise<Workspace> {
  const existing = await findWorkspaceByApiKey(db, apiKey);
  if (existing) return existing;

  try {
    return (await createWorkspace(db, name, apiKey)).workspace;
  } catch (error) {
    const winner = await findWorkspaceByApiKey(db, apiKey);
    if (winner) return winner;
    throw error;
  }
}

/** The workspace a (not revoked) API key opens, or null. The lookup is by hash, never by the key itself. */
export async function findWorkspaceByApiKey(db: Kysely<Database>, apiKey: string): Promise<Workspace | null> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'workspaces.created_at'])
    .where('api_keys.key_hash', '=', hashApiKey(apiKey))
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();

  return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
}
