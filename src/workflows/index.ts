export { checkScopeJqlWorkflow } from './check-scope-jql-workflow.js';
export { connectionWorkflow } from './connection-workflow.js';
