export { connectionWorkflow } from './connection-workflow.js';
