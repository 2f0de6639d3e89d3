import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Purpose, Scope, ScopeDefinition } from './schema.js';

export interface NewScopeVersion {
  connectionId: string;
  purpose: Purpose;
  definition: ScopeDefinition;
  /** Check options with every default filled in, so a stored version alone says what was checked. */
  options: Record<string, number>;
  now: Date;
}

/** Two writers saved a scope of the same connection and purpose at the same moment, twice in a row. */
export class ScopeVersionConflictError extends Error {
  override readonly name = 'ScopeVersionConflictError';
  readonly code = 'SCOPE_VERSION_CONFLICT';

  constructor(connectionId: string, purpose: Purpose) {
    super(`Another change to the ${purpose} scope of connection ${connectionId} was saved at the same time.`);
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Saves a scope as the next version for its connection and purpose. Versions are never updated: each
 * check result names the version it used. Two concurrent saves collide on the unique
 * (connection, purpose, version) constraint; the loser retries once with the next number.
 */
export async function insertScopeVersion(db: Kysely<Database>, scope: NewScopeVersion): Promise<Scope> {
  try {
    return await insertNextVersion(db, scope);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }

  try {
    return await insertNextVersion(db, scope);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ScopeVersionConflictError(scope.connectionId, scope.purpose);
    throw error;
  }
}

async function insertNextVersion(db: Kysely<Database>, scope: NewScopeVersion): Promise<Scope> {
  const latest = await db
    .selectFrom('scopes')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('connection_id', '=', scope.connectionId)
    .where('purpose', '=', scope.purpose)
    .executeTakeFirst();

  return db
    .insertInto('scopes')
    .values({
      id: randomUUID(),
      connection_id: scope.connectionId,
      purpose: scope.purpose,
      version: (latest?.version ?? 0) + 1,
      definition: JSON.stringify(scope.definition),
      options: JSON.stringify(scope.options),
      created_at: scope.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}

/** The newest version of every scope of the given connections, ordered by connection and purpose. */
export async function latestScopes(db: Kysely<Database>, connectionIds: string[]): Promise<Scope[]> {
  if (connectionIds.length === 0) return [];

  return db
    .selectFrom('scopes')
    .selectAll()
    .distinctOn(['connection_id', 'purpose'])
    .where('connection_id', 'in', connectionIds)
    .orderBy('connection_id')
    .orderBy('purpose')
    .orderBy('version', 'desc')
    .execute();
}
