import { z } from 'zod';

const siteBaseUrls = z
  .string()
  .transform((text, ctx) => {
    try {
      return z.record(z.string(), z.url()).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object from site to base URL' });
      return z.NEVER;
    }
  })
  .optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('jira-compliance'),
  /** 32 bytes, base64: the AES-256-GCM key for stored credentials. */
  CREDENTIALS_KEY: z.string().optional(),
  /** Label stored beside each encrypted credential, so keys can be rotated. */
  CREDENTIALS_KEY_ID: z.string().min(1).default('k1'),
  /** Older keys still accepted for decryption, as JSON `{ "keyId": "base64 key" }`. */
  CREDENTIALS_OLD_KEYS: z.string().optional(),
  ADMIN_API_KEY: z.string().min(16).optional(),
  WORKSPACE_API_KEY: z.string().min(16).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** How long a sync may go without a heartbeat before another worker resumes it from its last page. */
  SYNC_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Custom domains of Jira Cloud sites to accept besides *.atlassian.net and *.jira.com (comma-separated exact hosts). */
  JIRA_ALLOWED_CUSTOM_DOMAINS: z.string().default(''),
  /** For testing only: routes a site to another base URL, e.g. a local Jira simulator. Off by default. */
  JIRA_SITE_BASE_URLS: siteBaseUrls,
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
});

export type Config = z.infer<typeof configSchema>;

/** Reads the configuration from the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in a compose file or a shell) means "not set".
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }

  return parsed.data;
}
