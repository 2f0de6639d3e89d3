import { z } from 'zod';
import { normalizeSite, siteErrorMessage, type SiteOptions } from '../../jira/site.js';
import { scopeSchema } from './scopes.js';
import { PURPOSES, purposeSchema, timestampSchema } from './common.js';

const purposesSchema = z
  .array(purposeSchema)
  .min(1)
  .max(PURPOSES.length * 2)
  .meta({ description: 'What the connection is used for; repeated values are ignored.' });

/** The site field: checked with the same rules as the stored value, so a refusal names `site`. */
function siteSchema(options: SiteOptions) {
  return z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      const result = normalizeSite(value, options);
      if (!result.ok) {
        ctx.addIssue({
          code: 'custom',
          message: siteErrorMessage(result.reason),
          params: { code: 'SITE_INVALID' },
        });
      }
    })
    .meta({
      description:
        'The Jira Cloud site, such as `yourcompany.atlassian.net`. A scheme (`https://` only), a path or a ' +
        'query are stripped; the normalised site is echoed back.',
      example: 'acme.atlassian.net',
    });
}

/**
 * The body of `POST /v1/connections`. Built per app because which sites are accepted depends on the
 * operator's configuration (custom domains).
 */
export function createConnectionBodySchema(siteOptions: SiteOptions) {
  const site = siteSchema(siteOptions);
  const apiToken = z
    .strictObject({
      type: z.literal('api_token'),
      site,
      email: z
        .email()
        .max(320)
        .meta({ description: 'The Atlassian account e-mail the API token belongs to.' }),
      apiToken: z.string().min(1).max(2048).meta({ description: 'Stored encrypted; never returned.' }),
      purposes: purposesSchema,
    })
    .meta({ id: 'CreateApiTokenConnection' });
  const oauth = z
    .strictObject({ type: z.literal('oauth'), site, purposes: purposesSchema })
    .meta({ id: 'CreateOAuthConnection', description: 'Not available yet: answered with 422.' });
  const serviceAccount = z
    .strictObject({
      type: z.literal('service_account'),
      site,
      clientId: z.string().min(1).max(512),
      clientSecret: z.string().min(1).max(2048),
      purposes: purposesSchema,
    })
    .meta({ id: 'CreateServiceAccountConnection', description: 'Not available yet: answered with 422.' });

  return z.discriminatedUnion('type', [apiToken, oauth, serviceAccount]);
}

/** Connection types that the request schema describes but the service cannot create yet. */
export const UNSUPPORTED_CONNECTION_TYPES: readonly string[] = ['oauth', 'service_account'];

export const syncRunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['full', 'incremental']),
    status: z.enum(['running', 'succeeded', 'partial', 'failed']),
    startedAt: timestampSchema,
    finishedAt: timestampSchema.nullable(),
    counts: z.object({ projects: z.number(), statuses: z.number(), issues: z.number(), pages: z.number() }),
    problems: z
      .array(z.object({ resource: z.string(), code: z.string(), message: z.string() }))
      .meta({ description: 'What the run could not read, and why.' }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'SyncRun' });

export const connectionSchema = z
  .object({
    id: z.string(),
    type: z.enum(['api_token', 'oauth', 'service_account']),
    site: z.string().meta({ example: 'acme.atlassian.net' }),
    status: z.enum(['awaiting_consent', 'validating', 'active', 'needs_attention', 'disconnected']),
    syncing: z.boolean().meta({ description: 'True while a sync run is in progress.' }),
    statusReason: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .meta({ description: 'Why the connection needs attention, and what to do.' }),
    purposes: z.array(purposeSchema),
    accountId: z.string().nullable().meta({ description: 'The Jira account the credentials act as.' }),
    cloudId: z.string().nullable(),
    syncIntervalSeconds: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    disconnectedAt: timestampSchema.nullable(),
    lastSyncRun: syncRunSchema.nullable(),
    scopes: z.array(scopeSchema).meta({ description: 'The latest scope version of each purpose.' }),
  })
  .meta({ id: 'Connection' });

export const connectionListSchema = z.object({ connections: z.array(connectionSchema) });

export type ConnectionView = z.infer<typeof connectionSchema>;
export type SyncRunView = z.infer<typeof syncRunSchema>;
