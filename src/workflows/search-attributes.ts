import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';

/*
 * The custom search attributes operators filter connection workflows by in the Temporal UI and CLI.
 * They are indexed in plain text and never pass through a payload codec, so they hold identifiers and
 * states only: no tokens, no e-mail addresses, no Jira content.
 */

/** The connection's id (also part of the workflow id). */
export const jiraConnectionIdKey = defineSearchAttributeKey('JiraConnectionId', SearchAttributeType.KEYWORD);

/** The workspace that owns the connection. */
export const workspaceIdKey = defineSearchAttributeKey('WorkspaceId', SearchAttributeType.KEYWORD);

/** The Jira Cloud site host, e.g. `acme.atlassian.net`. */
export const jiraSiteKey = defineSearchAttributeKey('JiraSite', SearchAttributeType.KEYWORD);

/** The connection's current phase, e.g. `active` or `needs_attention`. */
export const connectionStatusKey = defineSearchAttributeKey('ConnectionStatus', SearchAttributeType.KEYWORD);

/** Every custom search attribute the service uses; each must be registered on the namespace first. */
export const searchAttributeKeys = [
  jiraConnectionIdKey,
  workspaceIdKey,
  jiraSiteKey,
  connectionStatusKey,
] as const;

/**
 * The same list as `Name=Type` strings, the form taken by `temporal server start-dev --search-attribute`
 * and by `temporal operator search-attribute create --name Name --type Type`.
 */
export const searchAttributeArgs: readonly string[] = searchAttributeKeys.map(
  (key) => `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`,
);
