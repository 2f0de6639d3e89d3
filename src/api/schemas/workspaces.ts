import { z } from 'zod';
import { timestampSchema } from './common.js';

export const createWorkspaceBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).meta({ example: 'Acme Corp' }),
});

export const createdWorkspaceSchema = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string(), createdAt: timestampSchema }),
    apiKey: z.string().meta({
      description: 'The workspace API key. Shown only in this response: only its hash is stored.',
      example: 'jcw_…',
    }),
  })
  .meta({ id: 'CreatedWorkspace' });
