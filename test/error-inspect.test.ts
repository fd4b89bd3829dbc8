import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.ts';
import { buildWithoutStack, GameServiceError } from '../src/core/error.ts';
import { createLobbyClient } from '../src/services/lobby/index.ts';

const TOKEN = 'Qm7vT2kLx9PzR4wN8cYb3HdJ6fGs1Ae5';
const NOT_FOUND = { status: 404, headers: new Headers({ 'content-type': 'application/problem+json', 'x-echo': TOKEN }), body: { title: 'Not Found', status: 404, code: 16001, detail: 'lobby not found' } };

function notFound(): GameServiceError<'lobby'> {
  return classify('lobby', NOT_FOUND, { secrets: [TOKEN], request: { method: 'GET', url: `https://lobby.test/v1/lobbies/missing?token=${TOKEN}` } });
}

describe('util.inspect and console.log of an error', () => {
  it('show every field that has a value, the kept copies included, and none that is undefined', () => {
    const shown = inspect(notFound());
    expect(shown).toContain('GameServiceError: [lobby 16001 LobbyNotFound]');
    expect(shown).toContain("code: '16001'");
    expect(shown).toContain('status: 404');
    expect(shown).toContain("detail: 'lobby not found'");
    expect(shown).toContain("method: 'GET'");
    expect(shown).toContain("'content-type': 'application/problem+json'");
    expect(shown).not.toContain('undefined');
    expect(shown).not.toContain(TOKEN);
  });

  it('show a copy made by with() the same way, with its attempts and elapsed time', () => {
    const shown = inspect(notFound().with({ attempts: 2, elapsedMs: 31 }));
    expect(shown).toContain('attempts: 2');
    expect(shown).toContain('elapsedMs: 31');
    expect(shown).not.toContain('undefined');
  });

  it('of an error with nothing optional set list only the fields it has', () => {
    const error = new GameServiceError({ service: 'nex', code: 'UNKNOWN', category: 'unknown', retry: 'never', description: 'Nothing known.' });
    expect(Object.keys(error).sort()).toEqual(['category', 'code', 'description', 'retry', 'retryable', 'service']);
    expect(inspect(error)).not.toContain('undefined');
    expect(inspect(error)).not.toContain('[cause]');
  });

  it('fold an error nested past the depth asked for into one line', () => {
    const shown = inspect({ outer: { inner: notFound() } }, { depth: 1 });
    expect(shown).toContain('[GameServiceError: [lobby 16001 LobbyNotFound]');
  });
});

describe('what an error keeps, made when first read', () => {
  it('is the same redacted copy on every read, for the error and the copies it makes', () => {
    const error = notFound();
    const copy = error.with({ attempts: 1 });
    expect(copy.received).toBe(error.received);
    expect(copy.details).toBe(error.details);
    expect(JSON.stringify(error.details)).toContain('token=[redacted]');
    expect(JSON.stringify(copy)).not.toContain(TOKEN);
  });

  it('is kept from the answer as it was when classified', () => {
    const body: Record<string, unknown> = { code: 16001, detail: 'first words' };
    const error = classify('lobby', { status: 404, body });
    body.detail = 'changed later';
    expect(error.details).toMatchObject({ detail: 'first words' });
  });
});

describe('the cause', () => {
  it('is an own property, made safe when the error is built, so that structuredClone carries it', () => {
    const error = classify('lobby', new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNREFUSED ${TOKEN}`), { code: 'ECONNREFUSED' }) }), { secrets: [TOKEN] });
    expect(Object.hasOwn(error, 'cause')).toBe(true);
    const cloned = structuredClone(error) as Error;
    expect((cloned.cause as Error).message).toBe('fetch failed');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(error.with({ attempts: 2 }).cause).toBe(error.cause);
  });
});

describe('stacks', () => {
  it('are not captured for failures built for the retry engine, and the copy it gives the caller captures its own', () => {
    const quiet = buildWithoutStack(() => notFound());
    expect(quiet.stack).toBe(`GameServiceError: ${quiet.message}`);
    const final = quiet.with({ attempts: 1 });
    expect(final.stack).toMatch(/\n\s+at /);
    expect(final.message).toBe(quiet.message);
  });

  it('of a client call\'s final error point into the code', async () => {
    const client = createLobbyClient({ prefix: 'https://lobby.test/v1', fetch: () => Promise.resolve(new Response(JSON.stringify(NOT_FOUND.body), { status: 404 })) });
    const outcome = await client.get('lobbies/missing').json();
    expect(outcome.isErr() && outcome.error.stack).toMatch(/\n\s+at /);
  });
});
