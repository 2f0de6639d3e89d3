import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** When the last completed pass over this scope began; null before the first full pass. */
export async function scopeWatermark(db: Kysely<Database>, scopeId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('scope_sync_state')
    .select('watermark')
    .where('scope_id', '=', scopeId)
    .executeTakeFirst();
  return row?.watermark ?? null;
}

export async function recordScopePass(
  db: Kysely<Database>,
  scopeId: string,
  pass: { startedAt: Date; full: boolean },
): Promise<void> {
  await db
    .insertInto('scope_sync_state')
    .values({
      scope_id: scopeId,
      watermark: pass.startedAt,
      last_full_sync_at: pass.full ? pass.startedAt : null,
    })
    .onConflict((oc) =>
      oc.column('scope_id').doUpdateSet({
        watermark: pass.startedAt,
        ...(pass.full ? { last_full_sync_at: pass.startedAt } : {}),
      }),
    )
    .execute();
}
