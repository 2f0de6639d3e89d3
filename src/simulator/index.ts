/** The Jira Cloud simulator: test support for the service's tests and for `npm run demo`. */
export { startJiraSimulator } from './server.js';
export type { JiraSimulator, JiraSimulatorOptions, RecordedRequest } from './server.js';
export { createRealisticScenario } from './scenario.js';
export type { RealisticScenarioOptions } from './scenario.js';
export { FaultInjector } from './faults.js';
export type { FaultHandle, FaultRule } from './faults.js';
export type { IssueChanges, NewIssue } from './issue-store.js';
export type { PageSizeCaps } from './simulator-state.js';
export { compileJql } from './jql/compile.js';
export type { CompiledJql, JqlCatalog, JqlEnvironment } from './jql/compile.js';
export { JqlError } from './jql/jql-error.js';
export { formatJiraTimestamp, parseJiraTimestamp } from './jira-time.js';
export { NEWEST_CHANGE_AGE_DAYS } from './issue-draft.js';
export type * from './types.js';
