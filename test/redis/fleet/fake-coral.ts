/**
 * The fleet's fake Coral on a loopback server: the testing kit's answers, a token endpoint for the
 * children's refreshToken, and a log of every request with the child that sent it.
 */
import { serviceError, serviceSuccess, startLoopbackServer, type LoopbackServer, type Responder } from '../../../src/testing/index.ts';

/** One request the fake received. */
export interface Received {
  readonly path: string;
  readonly worker: number;
  readonly token: string | undefined;
  /** The fake's clock (epoch ms) when it arrived. */
  readonly at: number;
  /** Requests to the API already in flight when it arrived. */
  readonly alongside: number;
}

/** How the token endpoint answers. */
export type TokenMode =
  /** Gives `fresh`. */
  | 'fresh'
  /** Refuses: Coral's 9403 invalid token. */
  | 'refuse'
  /** Never answers the first request (its sender is to be killed); gives the token after. */
  | 'hang-first'
  /** Holds every request until `release()`, then gives the token. */
  | 'hold';

export class FakeCoral {
  readonly received: Received[] = [];
  tokenMode: TokenMode = 'fresh';
  /** The one token the API accepts, and the one the token endpoint gives. */
  valid = 'fresh';
  /** What the API answers; by default success for the valid token, token-expired for any other. */
  api: Responder = (request) => (tokenOf(request) === this.valid ? serviceSuccess('coral', { ok: true }) : serviceError('coral', 'TOKEN_EXPIRED'));
  #server: LoopbackServer | undefined;
  #inFlight = 0;
  readonly #hung: (() => void)[] = [];
  readonly #held: (() => void)[] = [];

  get url(): string {
    if (this.#server === undefined) throw new Error('the fake is not started');
    return this.#server.url;
  }

  /** Requests to the token endpoint. */
  get refreshes(): Received[] {
    return this.received.filter((request) => request.path === '/token');
  }

  /** Requests to the API (anything but the token endpoint). */
  get calls(): Received[] {
    return this.received.filter((request) => request.path !== '/token');
  }

  async start(): Promise<void> {
    this.#server = await startLoopbackServer(async (request) => {
      const path = new URL(request.url).pathname;
      const entry: Received = { path, worker: Number(request.headers.get('x-worker') ?? -1), token: tokenOf(request), at: Date.now(), alongside: path === '/token' ? 0 : this.#inFlight };
      this.received.push(entry);
      if (path === '/token') return this.#token();
      this.#inFlight += 1;
      try {
        return await this.api(request);
      } finally {
        this.#inFlight -= 1;
      }
    });
  }

  /** Answers the held token requests. */
  release(): void {
    for (const release of this.#held.splice(0)) release();
  }

  async close(): Promise<void> {
    for (const release of this.#hung.splice(0)) release();
    this.release();
    await this.#server?.close();
  }

  #token(): Response | Promise<Response> {
    if (this.tokenMode === 'refuse') return serviceError('coral', 'INVALID_TOKEN');
    if (this.tokenMode === 'hang-first' && this.refreshes.length === 1) {
      // Held until the fake closes: its sender dies first.
      return new Promise((resolve) => { this.#hung.push(() => { resolve(new Response('gone', { status: 503 })); }); });
    }
    const token = this.valid;
    if (this.tokenMode === 'hold') return new Promise((resolve) => { this.#held.push(() => { resolve(serviceSuccess('coral', { accessToken: token })); }); });
    return serviceSuccess('coral', { accessToken: token });
  }
}

function tokenOf(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  return header === null ? undefined : header.replace(/^Bearer\s+/i, '');
}
