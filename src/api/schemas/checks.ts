import { z } from 'zod';
import { timestampSchema } from './common.js';

const checkIdSchema = z.string().meta({ example: 'change_management.ticket_has_assignee' });

/**
 * `pending` is not a result: it says the check has never been evaluated for this workspace (no
 * connection has finished a sync yet). Every check is listed, evaluated or not.
 */
const listedStatusSchema = z.enum(['passing', 'failing', 'not_evaluated', 'pending']);

export const checkSummarySchema = z
  .object({
    checkId: checkIdSchema,
    name: z.string(),
    status: listedStatusSchema,
    reason: z.string().nullable().meta({ description: 'Null while pending.' }),
    evaluatedAt: timestampSchema.nullable(),
    failingCount: z
      .number()
      .int()
      .meta({ description: 'How many entities the latest result lists as failing.' }),
    resultId: z.string().nullable(),
  })
  .meta({ id: 'CheckSummary' });

export const checkResultSchema = z
  .object({
    id: z.string(),
    checkId: checkIdSchema,
    name: z.string(),
    status: z.enum(['passing', 'failing', 'not_evaluated']),
    reason: z.string(),
    evaluatedAt: timestampSchema,
    syncRunIds: z.array(z.string()).meta({ description: 'The completed sync runs the result is based on.' }),
    scopeVersions: z
      .record(z.string(), z.number())
      .meta({ description: 'Scope version used, by connection id.' }),
    failingEntities: z.array(z.record(z.string(), z.unknown())).meta({
      description: 'What fails: Jira issues (`type: "issue"`, key, url, detail) or accounts.',
    }),
    auditorJql: z.string().nullable().meta({ description: 'Paste into Jira to see the same issues.' }),
    summary: z.record(z.string(), z.unknown()).meta({ description: 'What was looked at: counts, windows.' }),
    evidence: z.object({ sequence: z.number().int(), hash: z.string() }).meta({
      description: 'This result in the tamper-evident evidence chain of its check (SHA-256, hex).',
    }),
  })
  .meta({ id: 'CheckResult' });

export const checkListSchema = z.object({ checks: z.array(checkSummarySchema) });

export const checkDetailSchema = z
  .object({
    checkId: checkIdSchema,
    name: z.string(),
    status: listedStatusSchema,
    result: checkResultSchema.nullable().meta({ description: 'The latest result; null while pending.' }),
  })
  .meta({ id: 'CheckDetail' });

const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be an ISO 8601 instant such as 2026-01-31T00:00:00Z, or a date such as 2026-01-31',
  })
  .meta({ description: 'An ISO 8601 instant with Z or an offset, or a date (midnight UTC).' });

export const historyQuerySchema = z
  .strictObject({
    from: instantSchema.optional().meta({ description: 'Inclusive: results evaluated at or after this.' }),
    to: instantSchema.optional().meta({ description: 'Exclusive: results evaluated before this.' }),
    limit: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .optional()
      .meta({ description: 'At most this many results, newest first: 1 to 1000, default 100.' }),
  })
  .superRefine((query, ctx) => {
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (limit < 1 || limit > 1000)) {
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'must be between 1 and 1000' });
    }
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
    }
  });

export const checkHistorySchema = z
  .object({
    checkId: checkIdSchema,
    name: z.string(),
    from: timestampSchema.nullable(),
    to: timestampSchema.nullable(),
    results: z.array(checkResultSchema).meta({ description: 'Newest first.' }),
    evidenceChain: z
      .object({
        valid: z.boolean(),
        records: z.number().int(),
        brokenAtSequence: z.number().int().optional(),
        problem: z
          .enum(['sequence_gap', 'previous_hash_mismatch', 'hash_mismatch', 'record_mismatch'])
          .optional(),
      })
      .meta({
        description: "Verification of the check's whole evidence chain, recomputed for this request.",
      }),
  })
  .meta({ id: 'CheckHistory' });

export type CheckResultView = z.infer<typeof checkResultSchema>;
export type CheckSummaryView = z.infer<typeof checkSummarySchema>;
