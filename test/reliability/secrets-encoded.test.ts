/**
 * Credentials the client sent come back from the service in other shapes: a cookie's value
 * alone, a token percent-encoded in a query, the user name and password inside a Basic
 * credential. Over a real loopback server, none of them shows in any rendering of the error.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import { encodedForms } from '../../src/core/redact.ts';
import { everyRendering } from './renderings.ts';
import { loopbackServers } from './serve.ts';

const serve = loopbackServers();

/** Every shape a value can be rendered in, raw and encoded. */
function shapes(value: string): string[] {
  return [value, ...encodedForms(value)];
}

describe('credentials the client sent are masked in every rendering, in every encoding they travel in', () => {
  it('a cookie value the service repeats alone', async () => {
    const origin = await serve((request) => {
      const sid = /sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? '';
      return new Response(`session ${sid} unknown`, { status: 400, headers: { 'content-type': 'text/plain' } });
    });
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, headers: { cookie: 'sid=Qx7-game-session-29fa; lang=en' } });
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr()).toBe(true);
    const rendered = everyRendering(result.isErr() ? result.error : undefined);
    expect(rendered).toContain('session');
    for (const shape of shapes('Qx7-game-session-29fa')) expect(rendered).not.toContain(shape);
  });

  it('a token with + / = that also travels in the query, percent-encoded in the request URL', async () => {
    const token = 'ab+c/d=e+f/g==';
    const origin = await serve((request) => new Response(`rejected ${new URL(request.url).search}`, { status: 500, headers: { 'content-type': 'text/plain' } }));
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, retry: { limit: 0 }, auth: { getToken: () => token, refreshToken: () => Promise.resolve(token) } });
    const result = await client.get('lobbies/l-1', { searchParams: { access: token } }).json();
    expect(result.isErr()).toBe(true);
    if (!result.isErr()) return;
    expect(JSON.stringify(result.error.details)).toContain('lobbies/l-1');
    const rendered = everyRendering(result.error);
    for (const shape of shapes(token)) expect(rendered).not.toContain(shape);
  });

  it('the user name and password inside a Basic credential', async () => {
    const origin = await serve((request) => {
      const [user, password] = atob((request.headers.get('authorization') ?? '').replace(/^Basic /, '')).split(':');
      return new Response(`no account ${user ?? ''} with password ${password ?? ''}`, { status: 403, headers: { 'content-type': 'text/plain' } });
    });
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, headers: { authorization: `Basic ${btoa('player-one:hunter2-swordfish')}` } });
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr()).toBe(true);
    const rendered = everyRendering(result.isErr() ? result.error : undefined);
    expect(rendered).toContain('no account');
    for (const secret of ['player-one', 'hunter2-swordfish', btoa('player-one:hunter2-swordfish')]) {
      for (const shape of shapes(secret)) expect(rendered).not.toContain(shape);
    }
  });

  it('the user name and password inside a Basic credential that auth gives, with scheme Basic', async () => {
    const origin = await serve((request) => {
      const [user, password] = atob((request.headers.get('authorization') ?? '').replace(/^Basic /, '')).split(':');
      return new Response(`no account ${user ?? ''} with password ${password ?? ''}`, { status: 403, headers: { 'content-type': 'text/plain' } });
    });
    const credential = btoa('player-two:correct-horse-battery');
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, auth: { scheme: 'Basic', getToken: () => credential, refreshToken: () => Promise.resolve(credential) } });
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr()).toBe(true);
    const rendered = everyRendering(result.isErr() ? result.error : undefined);
    expect(rendered).toContain('no account');
    for (const secret of ['player-two', 'correct-horse-battery', credential]) {
      for (const shape of shapes(secret)) expect(rendered).not.toContain(shape);
    }
  });

  it('the parts of a Basic credential a failing renewal repeats, and of one sent whole as the token with no scheme', async () => {
    const origin = await serve(() => new Response('{"code": 51, "title": "Unauthorized"}', { status: 401, headers: { 'content-type': 'application/problem+json' } }));
    const credential = btoa('player-three:tr0ub4dor-and-3');
    const renewing = createClient({
      service: 'lobby',
      prefix: `${origin}/`,
      auth: { scheme: 'Basic', getToken: () => credential, refreshToken: () => Promise.reject(new Error(`no renewal for ${atob(credential)}`)) },
    });
    const renewed = await renewing.get('lobbies/l-1').json();
    expect(renewed.isErr()).toBe(true);
    const whole = createClient({ service: 'lobby', prefix: `${origin}/`, auth: { scheme: '', getToken: () => `Basic ${credential}`, refreshToken: () => Promise.reject(new Error(`no renewal for ${credential} (${atob(credential)})`)) } });
    const sentWhole = await whole.get('lobbies/l-1').json();
    expect(sentWhole.isErr()).toBe(true);
    for (const result of [renewed, sentWhole]) {
      const rendered = everyRendering(result.isErr() ? result.error : undefined);
      expect(rendered).toContain('no renewal for');
      for (const secret of ['player-three', 'tr0ub4dor-and-3', credential]) {
        for (const shape of shapes(secret)) expect(rendered).not.toContain(shape);
      }
    }
  });
});
