/**
 * Runs the Jira Cloud simulator on its own, for trying the service or a client by hand:
 *
 *   npx tsx scripts/simulator.ts [port]        (or JIRA_SIMULATOR_PORT; default 8787)
 *
 * It prints the base URL and the API user's credentials. Both are fake: the simulator only exists on
 * this machine. Ctrl-C stops it.
 */
import { createRealisticScenario, startJiraSimulator } from '../src/simulator/index.js';

const portText = process.argv[2] ?? process.env.JIRA_SIMULATOR_PORT ?? '8787';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Not a port number: ${portText}`);
  process.exit(2);
}

const simulator = await startJiraSimulator({ scenario: createRealisticScenario(), port });
const { credentials, issues, projects } = simulator.scenario;

console.log(`Jira Cloud simulator listening on ${simulator.baseUrl}`);
console.log(`  ${projects.length} projects, ${issues.length} issues`);
console.log(`  e-mail:    ${credentials.email}`);
console.log(`  API token: ${credentials.apiToken}`);
console.log(`  try: curl -u '${credentials.email}:<API token>' ${simulator.baseUrl}/rest/api/3/myself`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
