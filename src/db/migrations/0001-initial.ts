import { sql, type Kysely } from 'kysely';

// Migrations take `Kysely<any>`: they describe the schema as it was, not as the current types say.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_code', 'text')
    .addColumn('status_message', 'text')
    .addColumn('account_id', 'text')
    .addColumn('cloud_id', 'text')
    .addColumn('sync_interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disconnected_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('connections_workspace_idx').on('connections').column('workspace_id').execute();

  await db.schema
    .createTable('credentials')
    .addColumn('connection_id', 'uuid', (c) =>
      c.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('iv', 'bytea', (c) => c.notNull())
    .addColumn('auth_tag', 'bytea', (c) => c.notNull())
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('scopes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('scopes_connection_purpose_version_key', ['connection_id', 'purpose', 'version'])
    .execute();

  await db.schema
    .createTable('scope_sync_state')
    .addColumn('scope_id', 'uuid', (c) => c.primaryKey().references('scopes.id').onDelete('cascade'))
    .addColumn('watermark', 'timestamptz')
    .addColumn('last_full_sync_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('jira_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('project_type_key', 'text')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('projects_pkey', ['connection_id', 'jira_id'])
    .execute();

  await db.schema
    .createTable('statuses')
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('jira_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_key', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('statuses_pkey', ['connection_id', 'jira_id'])
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('problems', 'jsonb', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .execute();
  await db.schema
    .createIndex('sync_runs_connection_started_idx')
    .on('sync_runs')
    .columns(['connection_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('issues')
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('jira_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('project_key', 'text', (c) => c.notNull())
    .addColumn('issue_type_id', 'text')
    .addColumn('issue_type_name', 'text')
    .addColumn('summary', 'text')
    .addColumn('status_id', 'text')
    .addColumn('status_name', 'text')
    .addColumn('status_category_key', 'text')
    .addColumn('assignee_account_id', 'text')
    .addColumn('assignee_display_name', 'text')
    .addColumn('priority_name', 'text')
    .addColumn('labels', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sync_run_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('issues_pkey', ['connection_id', 'jira_id'])
    .execute();

  await db.schema
    .createTable('scope_issues')
    .addColumn('scope_id', 'uuid', (c) => c.notNull().references('scopes.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull())
    .addColumn('issue_jira_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scope_issues_pkey', ['scope_id', 'issue_jira_id'])
    .execute();

  await db.schema
    .createTable('check_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sync_run_id', 'uuid')
    .addColumn('scope_versions', 'jsonb', (c) => c.notNull())
    .addColumn('failing_entities', 'jsonb', (c) => c.notNull())
    .addColumn('auditor_jql', 'text')
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_results_workspace_check_time_idx')
    .on('check_results')
    .columns(['workspace_id', 'check_id', 'evaluated_at'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('check_result_id', 'uuid', (c) => c.notNull().references('check_results.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('previous_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('evidence_chain_key', ['workspace_id', 'check_id', 'sequence'])
    .execute();
}
