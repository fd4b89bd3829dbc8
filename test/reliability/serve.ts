import { afterEach } from 'vitest';
import { startLoopbackServer, type LoopbackServer, type Responder } from '../../src/testing/index.ts';

/**
 * For one test file: a function that serves a responder on 127.0.0.1 and gives its URL. Every
 * server it started is closed after each test, so none keeps the process alive.
 */
export function loopbackServers(): (responder: Responder) => Promise<string> {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (responder) => {
    const server = await startLoopbackServer(responder);
    servers.push(server);
    return server.url;
  };
}
