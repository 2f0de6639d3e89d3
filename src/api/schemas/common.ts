import { z } from 'zod';
import type { Purpose } from '../../db/schema.js';

/** Connection ids are UUIDs; anything else cannot name a connection and is answered with a 404. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PURPOSES = [
  'change_management',
  'incident_management',
  'project_management',
  'vulnerability_management',
  'access_review',
] as const satisfies readonly Purpose[];

/** What a connection is used for; each purpose has its own scope and checks. */
export const purposeSchema = z.enum(PURPOSES).meta({ id: 'Purpose' });

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, for programs.', example: 'VALIDATION_FAILED' }),
      message: z.string().meta({ description: 'For people: what was wrong and what to do.' }),
      details: z
        .array(
          z.object({
            path: z.string().meta({ description: 'Dotted path of the field, such as `purposes.0`.' }),
            code: z.string().meta({ example: 'REQUIRED' }),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

export const timestampSchema = z.iso.datetime().meta({ description: 'UTC, ISO 8601.' });

export const connectionIdParamsSchema = z.object({
  connectionId: z.string().meta({ description: 'The connection id (a UUID).' }),
});

export const acceptedResponseSchema = z.object({ accepted: z.literal(true) }).meta({ id: 'Accepted' });
