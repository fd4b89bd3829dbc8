/**
 * A loopback site for the browser test: the page, the bundled library, and fake Lobby and Coral
 * services built from the testing kit.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { expiringToken, maintenanceWindow, serviceSuccess, startLoopbackServer, type LoopbackServer, type Responder } from '../../src/testing/index.ts';

const HTML = '<!doctype html><meta charset="utf-8"><title>extralife</title><script type="module" src="/page.js"></script>';

export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('the page bundle is empty');
  return text;
}

export interface Site extends LoopbackServer {
  /** Tokens the fake Coral service was shown, in order. */
  readonly coralTokens: readonly (string | undefined)[];
}

export async function startSite(pageScript: string): Promise<Site> {
  // The window opens at the page's first Lobby call, however long the browser took to start.
  let lobby: Responder | undefined;
  const coral = expiringToken({ service: 'coral', validTokens: ['fresh-token'] }, () => serviceSuccess('coral', { friends: [] }));
  const site: Responder = (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/') return new Response(HTML, { headers: { 'content-type': 'text/html' } });
    if (path === '/page.js') return new Response(pageScript, { headers: { 'content-type': 'text/javascript' } });
    if (path.startsWith('/lobby/')) {
      lobby ??= maintenanceWindow({ service: 'lobby', durationMs: 1_200, retryAfterSeconds: 1 }, () => serviceSuccess('lobby', { id: 'lobby-1' }));
      return lobby(request);
    }
    if (path.startsWith('/coral/')) return coral(request);
    return new Response('not found', { status: 404 });
  };
  const server = await startLoopbackServer(site);
  return { ...server, coralTokens: coral.presented };
}
