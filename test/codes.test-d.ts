import { describe, expectTypeOf, it } from 'vitest';
import type { LobbyCode } from '../src/catalog/generated/lobby.ts';
import type { NexCode } from '../src/catalog/generated/nex.ts';
import { lobbyCatalog } from '../src/catalog/generated/lobby.ts';
import type { CodeOf, TransportCode } from '../src/core/codes.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { Category } from '../src/core/category.ts';

declare const lobbyError: GameServiceError<'lobby'>;
declare const nexError: GameServiceError<'nex'>;
declare const anyError: GameServiceError;

describe('code literal types from the catalog', () => {
  it('types each service code as its catalog literals, transport codes, or an opaque uncatalogued code', () => {
    expectTypeOf<LobbyCode>().toExtend<CodeOf<'lobby'>>();
    expectTypeOf<TransportCode>().toExtend<CodeOf<'lobby'>>();
    expectTypeOf<'16004'>().toExtend<LobbyCode>();
    expectTypeOf<'2306-0806'>().toExtend<NexCode>();
    expectTypeOf<'16997'>().not.toExtend<CodeOf<'lobby'>>();
    expectTypeOf<'LobbyFull'>().not.toExtend<CodeOf<'lobby'>>();
    expectTypeOf(lobbyError.code).toExtend<string>();
  });

  it('lets the compiler check comparisons with a code', () => {
    if (lobbyError.code === '16004') expectTypeOf(lobbyError.code).toEqualTypeOf<'16004'>();
    // @ts-expect-error 16997 is not a Lobby code in the catalog
    if (lobbyError.code === '16997') return;
    // @ts-expect-error a name is not a code
    if (nexError.code === 'Authentication::TokenExpired') return;
    if (nexError.code === '2306-0806') expectTypeOf(nexError.code).toEqualTypeOf<'2306-0806'>();
    if (anyError.code === '16004' || anyError.code === '2306-0806') return;
  });

  it('narrows on the closed category union', () => {
    expectTypeOf(lobbyError.category).toEqualTypeOf<Category>();
    if (lobbyError.category === 'rate-limited') expectTypeOf(lobbyError.category).toEqualTypeOf<'rate-limited'>();
    // @ts-expect-error not a category
    if (lobbyError.category === 'throttled') return;
  });

  it('types the generated table with its literal codes', () => {
    expectTypeOf(lobbyCatalog[0]?.code).toEqualTypeOf<LobbyCode | undefined>();
    expectTypeOf(lobbyCatalog[0]?.service).toEqualTypeOf<'lobby' | undefined>();
  });
});
