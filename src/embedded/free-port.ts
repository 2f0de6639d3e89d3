import { createServer, type AddressInfo } from 'node:net';

/**
 * Asks the operating system for a port that is free right now on `host`. Another process could take it
 * before the caller binds it, so use it for child processes that cannot bind port 0 themselves and
 * report back (the Temporal dev server), and keep the window short.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}
