import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';

/** `npm start`: the whole service on this machine, with embedded defaults for what is not configured. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, logger);

  console.log(`
Jira compliance service is running.
  API:             ${service.apiUrl}   (OpenAPI: ${service.apiUrl}/v1/openapi.json)
  Temporal UI:     ${service.temporalUiUrl ?? `external Temporal at ${service.temporalAddress}`}
  Workspace key:   ${service.workspaceApiKey}
  Data folder:     ${service.dataDir}
Press Ctrl-C to stop.
`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Could not start the service: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
