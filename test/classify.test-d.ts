import { describe, expectTypeOf, it } from 'vitest';
import { adapters, classify, classifyResponse, httpAdapters } from '../src/classify.ts';
import type { Adapter, HttpAdapter, SuccessReading } from '../src/core/adapter.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { Service } from '../src/core/service.ts';
import { classifyCoral } from '../src/services/coral/index.ts';
import { classifyLobby } from '../src/services/lobby/index.ts';

declare const raw: unknown;
declare const response: Response;
declare const someService: Service;

describe('classify types', () => {
  it("returns the named service's error, with its code literals", () => {
    const lobby = classify('lobby', raw);
    expectTypeOf(lobby).toEqualTypeOf<GameServiceError<'lobby'>>();
    if (lobby.code === '16004') expectTypeOf(lobby.code).toEqualTypeOf<'16004'>();
    // @ts-expect-error 9404 is a Coral code, not a Lobby one
    if (lobby.code === '9404') return;
    if (classify('coral', raw).code === '9404') return;
    expectTypeOf(classify(someService, raw)).toEqualTypeOf<GameServiceError>();
    expectTypeOf(classifyLobby(raw)).toEqualTypeOf<GameServiceError<'lobby'>>();
    expectTypeOf(classifyCoral(raw, { secrets: ['t'] })).toEqualTypeOf<GameServiceError<'coral'>>();
  });

  it('accepts a context, and only a service name', () => {
    classify('coral', raw, { secrets: ['token'], request: { method: 'GET', url: 'https://x.test' }, now: 0 });
    // A service's own context: MSNP's connection, NEX's body result; and only that service's.
    classify('msnp', raw, { connection: 'switchboard', command: 'ANS', passportAccepted: true, dialect: 18, secrets: ['t'] });
    classify('nex', raw, { bodyResult: true });
    // @ts-expect-error a switchboard is MSNP's, not Lobby's
    classify('lobby', raw, { connection: 'switchboard' });
    // @ts-expect-error no such connection
    classify('msnp', raw, { connection: 'gateway' });
    // @ts-expect-error not a service
    classify('steam', raw);
  });

  it('gives classifyResponse a promise of the same error', () => {
    expectTypeOf(classifyResponse('companion', response)).toEqualTypeOf<Promise<GameServiceError<'companion'>>>();
  });

  it('types the registries per service', () => {
    expectTypeOf(adapters.nex).toEqualTypeOf<Adapter<'nex'>>();
    expectTypeOf(httpAdapters.lobby).toEqualTypeOf<HttpAdapter<'lobby'>>();
    expectTypeOf(httpAdapters.coral.readSuccess({ status: 200 })).toEqualTypeOf<SuccessReading<'coral'>>();
    expectTypeOf(httpAdapters).not.toHaveProperty('msnp');
  });
});
