import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActivities, type ActivityDependencies } from './activities/index.js';

/** The workflows entry point, as TypeScript when run through tsx and as JavaScript when compiled. */
export const workflowsPath = fileURLToPath(
  new URL(`./workflows/index${extname(import.meta.url)}`, import.meta.url),
);

export interface ServiceWorkerOptions {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDependencies;
  /** A workflow bundle built beforehand (`bundleWorkflowCode`); bundling at start takes a few seconds. */
  workflowBundlePath?: string;
  /** How long in-flight activities get to finish on shutdown. Default 10 s. */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/** Connects to Temporal and creates the worker that runs the connection workflows and their activities. */
export async function createServiceWorker(
  options: ServiceWorkerOptions,
): Promise<{ worker: Worker; close(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath }),
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
  });

  return { worker, close: () => connection.close() };
}
