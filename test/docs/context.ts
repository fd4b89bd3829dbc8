/**
 * What the docs' snippets use without defining it: the reader's own functions (`getToken`,
 * `enter`, `signIn`), their types (`Lobby`), their connections (`connection`, `socket`) and an
 * msw server. Each is small and real, so that a snippet that runs does what it says against it;
 * `harness` is what test/docs.test.ts arranges before a run and reads after it.
 */
import { HTTPError } from 'ky';
import { setupServer } from 'msw/node';
import { vi as vitestVi } from 'vitest';
import { rmcSuccessFrame } from '../../src/testing/index.ts';
import type { Responder } from '../../src/testing/index.ts';

/** One claim a snippet made: the comment's words, and the value it was about. */
export interface Claim {
  readonly text: string;
  readonly value: unknown;
}

/** What the snippets saw and did during a run. */
export const harness = {
  claims: [] as Claim[],
  /** The token getToken gives; refreshToken replaces it. */
  token: 'stale',
  /** The rejected tokens refreshToken was called with. */
  refreshed: [] as string[],
  /** The RMC frames `connection.call` answers with, in order (the last one again when they run out). */
  frames: [] as Uint8Array[],
  /** How many times `connection.call` was called. */
  rmcCalls: 0,
  /** What the reader's callbacks were asked to do, in order. */
  actions: [] as string[],
  reset(): void {
    this.claims = [];
    this.token = 'stale';
    this.refreshed = [];
    this.frames = [];
    this.rmcCalls = 0;
    this.actions = [];
  },
};

/** Records what a snippet's commented statement gave, for the test to check against the comment. */
export function claim(text: string, value: unknown): void {
  harness.claims.push({ text, value });
}

/** The reader's stored token. */
export function getToken(): string {
  return harness.token;
}

/** The reader's token renewal: records the rejected token and hands out a fresh one. */
export function refreshToken(rejected: string): Promise<string> {
  harness.refreshed.push(rejected);
  harness.token = 'fresh';
  return Promise.resolve(harness.token);
}

/** A Unity lobby as the reader's game models it. */
export interface Lobby {
  readonly id: string;
  readonly name?: string;
}

/** Coral's friend list. */
export interface FriendList {
  readonly friends: readonly unknown[];
}

/** The companion's market listings. */
export interface Listings {
  readonly entries: readonly { readonly pricePerUnit: number }[];
}

/** The reader's game joining a lobby. */
export function enter(lobby: Lobby): void {
  harness.actions.push(`enter ${lobby.id}`);
}

/** The reader's game saying the lobby is full. */
export function showFull(): void {
  harness.actions.push('show full');
}

/** The reader's game creating a lobby of its own. */
export function createOwnLobby(): void {
  harness.actions.push('create own lobby');
}

/** The reader's error reporting. */
export function report(error: Error): void {
  harness.actions.push(`report ${error.message}`);
}

/** A ky HTTPError as ky throws it for a Lobby 429: status, a Retry-After header, and the problem body ky read. */
export const kyHttpError: HTTPError = (() => {
  const response = new Response(null, { status: 429, headers: { 'retry-after': '7', 'content-type': 'application/problem+json' } });
  const error = new HTTPError(response, new Request('https://lobby.services.api.unity.com/v1/lobbies/quickjoin', { method: 'POST' }), {} as never);
  error.data = { title: 'Too Many Requests', status: 429, code: 50, detail: 'Rate limit exceeded' };
  return error;
})();

/** An FFXIV item id. */
export const itemId = 5333;

/** NEX: the Authentication protocol and its Login method. */
export const AUTHENTICATION = 10;
export const LOGIN = 1;

/** A NEX connection: answers each RMC call with the next of `harness.frames`. */
export const connection = {
  call(protocolId: number, methodId: number): Promise<Uint8Array> {
    harness.rmcCalls += 1;
    const frame = harness.frames.shift() ?? rmcSuccessFrame({ protocolId, callId: harness.rmcCalls, methodId, body: new Uint8Array([0x01, 0x00, 0x01, 0x00]) });
    if (harness.frames.length === 0) harness.frames.push(frame);
    return Promise.resolve(frame);
  },
};

/** An MSNP socket, and the reader's sign-in over it. */
export const socket = { host: 'messenger.example', port: 1863 };
export function signIn(on: typeof socket): Promise<string> {
  harness.actions.push(`sign in on ${on.host}`);
  return Promise.resolve('signed in');
}

/** The reader's msw server (listening only while test/docs.test.ts runs a snippet). */
export const server = setupServer();

/** The success path a scenario wraps. */
export const ok: Responder = () => Response.json({ ok: true });

/** Bytes an MSNP payload carries. */
export const payload = '<ml l="1"><d n="example.com"><c n="ann" l="3" t="1"/></d></ml>';

/** vitest's `vi`, for the snippets that move fake timers. */
export const vi: typeof vitestVi = vitestVi;
