import { z } from 'zod';
import type { Purpose } from '../../db/schema.js';
import { stripOrderBy } from '../../jira/jql.js';
import { checkOptionSpecs, type CheckOptionSpec } from '../../checks/options.js';
import { PURPOSES, purposeSchema, timestampSchema } from './common.js';

/**
 * Check options per purpose, built from the checks' own option list so the API and the checks cannot
 * disagree. Unknown keys are refused and defaults are filled in before a scope version is stored, so a
 * stored version alone says exactly what the checks used. Purposes without options accept `{}` only.
 */
export const scopeOptionSchemas = Object.fromEntries(
  PURPOSES.map((purpose) => [purpose, optionsSchemaFor(purpose)]),
) as unknown as Record<Purpose, z.ZodType<Record<string, number>>>;

function optionsSchemaFor(purpose: Purpose) {
  const specs: Record<string, CheckOptionSpec> =
    (checkOptionSpecs as Partial<Record<Purpose, Record<string, CheckOptionSpec>>>)[purpose] ?? {};
  const shape = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      z
        .number()
        .int()
        .min(spec.min)
        .max(spec.max)
        .default(spec.default)
        .meta({ description: spec.description }),
    ]),
  );
  const name = purpose.replace(/(^|_)([a-z])/g, (_match, _separator, letter: string) => letter.toUpperCase());

  return z.strictObject(shape).meta({ id: `${name}Options` });
}

const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;

const scopeBodyFields = {
  projects: z
    .array(z.string().regex(PROJECT_KEY, 'must be a Jira project key such as OPS'))
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Project keys; stored in upper case.', example: ['CHG'] }),
  issueTypes: z
    .array(z.string().trim().min(1).max(255))
    .min(1)
    .max(50)
    .optional()
    .meta({ description: 'Issue type names.', example: ['Change'] }),
  jql: z.string().trim().min(1).max(2000).optional().meta({
    description: 'A JQL filter instead of projects and issue types; a trailing ORDER BY is ignored.',
  }),
};

const optionsDescription =
  'Check options for this purpose, whole days (see the `<Purpose>Options` schemas); unknown keys are ' +
  'refused, missing ones take their default.';

/**
 * `PUT /v1/connections/{connectionId}/scopes/{purpose}`: a list of projects and issue types, or JQL.
 * `options` is checked against the purpose's own schema once the purpose is known.
 */
export const scopeBodySchema = z
  .strictObject({
    ...scopeBodyFields,
    options: z.record(z.string(), z.unknown()).optional().meta({ description: optionsDescription }),
  })
  .superRefine((body, ctx) => {
    if (body.jql !== undefined) {
      if (body.projects !== undefined || body.issueTypes !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['jql'],
          message: 'give either jql, or projects and issueTypes, not both',
          params: { code: 'SCOPE_FORM_INVALID' },
        });
      } else if (stripOrderBy(body.jql).trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['jql'], message: 'must contain a filter, not only ORDER BY' });
      }
      return;
    }

    for (const field of ['projects', 'issueTypes'] as const) {
      if (body[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required unless jql is given',
          params: { code: 'REQUIRED' },
        });
      }
    }
  });

/** The same body for the OpenAPI document, where `options` shows every purpose's option schema. */
export const scopeBodyDocumentSchema = z.strictObject({
  ...scopeBodyFields,
  options: z
    .union(PURPOSES.map((purpose) => scopeOptionSchemas[purpose]))
    .optional()
    .meta({ description: optionsDescription }),
});

export const scopeSchema = z
  .object({
    purpose: purposeSchema,
    version: z.number().int().meta({ description: 'Starts at 1; every save adds a version.' }),
    definition: z.union([
      z.object({ projects: z.array(z.string()), issueTypes: z.array(z.string()) }),
      z.object({ jql: z.string() }),
    ]),
    options: z.record(z.string(), z.number()).meta({ description: 'With every default filled in.' }),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Scope' });

export const savedScopeSchema = scopeSchema
  .extend({
    syncRequested: z.boolean().meta({
      description:
        'False when the workflow service could not be asked for a sync; the next periodic sync uses the scope.',
    }),
  })
  .meta({ id: 'SavedScope' });

export const scopeListSchema = z.object({ scopes: z.array(scopeSchema) });

export const scopeParamsSchema = z.object({
  connectionId: z.string(),
  purpose: purposeSchema,
});

export type ScopeView = z.infer<typeof scopeSchema>;
