import type { Err, Ok, Result, ResultAsync } from 'neverthrow';
import { okAsync } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { Client, ClientRequest, RequestOptions } from '../src/client/types.ts';
import type { Category } from '../src/core/category.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { GiveUpReason, RetryEvent } from '../src/retry/events.ts';
import { withRetry } from '../src/with-retry.ts';

interface Lobby {
  readonly id: string;
  readonly players: readonly { readonly id: string }[];
}

const lobby = createClient({ service: 'lobby', prefix: 'https://lobby.services.api.unity.com/v1' });
const coral = createClient({ service: 'coral', prefix: 'https://api-lp1.znc.srv.nintendo.net' });

describe('createClient', () => {
  it('is typed by its service', () => {
    expectTypeOf(lobby).toEqualTypeOf<Client<'lobby'>>();
    expectTypeOf(lobby.service).toEqualTypeOf<'lobby'>();
    expectTypeOf(lobby.post('lobbies/quickjoin')).toEqualTypeOf<ClientRequest<'lobby'>>();
  });

  it('accepts only the HTTP services', () => {
    // @ts-expect-error NEX is not HTTP: use withRetry
    createClient({ service: 'nex' });
    // @ts-expect-error a service is required
    createClient({ prefix: 'https://example.test' });
  });

  it('passes ky options through, but not ky\'s retry and error switches', () => {
    expectTypeOf<{ prefix: string; timeout: number; searchParams: { page: number }; json: unknown }>().toExtend<RequestOptions>();
    // @ts-expect-error retries are the client's: `retry` takes the client's options, not ky's number
    lobby.get('lobbies', { retry: 3 });
    // @ts-expect-error every status is read and classified
    lobby.get('lobbies', { throwHttpErrors: false });
  });

  it('types observers by service', () => {
    createClient({
      service: 'companion',
      onRetry: (event) => {
        expectTypeOf(event).toEqualTypeOf<RetryEvent<'companion'>>();
        expectTypeOf(event.error).toEqualTypeOf<GameServiceError<'companion'>>();
      },
      onGiveUp: ({ reason, attempts }) => {
        expectTypeOf(reason).toEqualTypeOf<GiveUpReason>();
        expectTypeOf(attempts).toEqualTypeOf<number>();
      },
    });
  });
});

describe('results', () => {
  it('gives a ResultAsync of the asked type and the service\'s error from every body method', () => {
    expectTypeOf(lobby.get('lobbies/l-1').json<Lobby>()).toEqualTypeOf<ResultAsync<Lobby, GameServiceError<'lobby'>>>();
    expectTypeOf(lobby.get('lobbies/l-1').json()).toEqualTypeOf<ResultAsync<unknown, GameServiceError<'lobby'>>>();
    expectTypeOf(lobby.get('lobbies/l-1').text()).toEqualTypeOf<ResultAsync<string, GameServiceError<'lobby'>>>();
    expectTypeOf(lobby.get('lobbies/l-1').arrayBuffer()).toEqualTypeOf<ResultAsync<ArrayBuffer, GameServiceError<'lobby'>>>();
    expectTypeOf(lobby.get('lobbies/l-1').blob()).toEqualTypeOf<ResultAsync<Blob, GameServiceError<'lobby'>>>();
    expectTypeOf(lobby.head('lobbies/l-1').response()).toEqualTypeOf<ResultAsync<Response, GameServiceError<'lobby'>>>();
  });

  it('awaits to a Result that narrows to the value or the error', async () => {
    const result = await lobby.get('lobbies/l-1').json<Lobby>();
    expectTypeOf(result).toEqualTypeOf<Result<Lobby, GameServiceError<'lobby'>>>();
    if (result.isOk()) {
      expectTypeOf(result).toEqualTypeOf<Ok<Lobby, GameServiceError<'lobby'>>>();
      expectTypeOf(result.value.players).toEqualTypeOf<readonly { readonly id: string }[]>();
    } else {
      expectTypeOf(result).toEqualTypeOf<Err<Lobby, GameServiceError<'lobby'>>>();
      expectTypeOf(result.error.category).toEqualTypeOf<Category>();
      expectTypeOf(result.error.attempts).toEqualTypeOf<number | undefined>();
    }
  });

  it('narrows on the category', async () => {
    const result = await lobby.post('lobbies/quickjoin').json<Lobby>();
    if (result.isErr()) {
      const { error } = result;
      if (error.category === 'rate-limited') expectTypeOf(error.category).toEqualTypeOf<'rate-limited'>();
      // @ts-expect-error not a category
      if (error.category === 'throttled') return;
      switch (error.category) {
        case 'capacity':
        case 'not-found':
          expectTypeOf(error.category).toEqualTypeOf<'capacity' | 'not-found'>();
          break;
        default:
          expectTypeOf(error.category).toExtend<Category>();
      }
    }
  });

  it('checks code literals against the service\'s catalog', async () => {
    const joined = await lobby.post('lobbies/quickjoin').json<Lobby>();
    if (joined.isErr()) {
      if (joined.error.code === '16004') expectTypeOf(joined.error.code).toEqualTypeOf<'16004'>();
      if (joined.error.code === 'NETWORK') expectTypeOf(joined.error.code).toEqualTypeOf<'NETWORK'>();
      // @ts-expect-error 99999 is not a Lobby code in the catalog
      if (joined.error.code === '99999') return;
    }
    const friends = await coral.post('v3/Friend/List').json();
    if (friends.isErr()) {
      if (friends.error.code === '9404') expectTypeOf(friends.error.code).toEqualTypeOf<'9404'>();
      // @ts-expect-error a name is not a code
      if (friends.error.code === 'TOKEN_EXPIRED') return;
    }
  });
});

describe('withRetry', () => {
  it('gives a ResultAsync of what the operation resolves to, typed by the service', () => {
    expectTypeOf(withRetry(() => Promise.resolve(new Uint8Array(4)), { service: 'nex' })).toEqualTypeOf<ResultAsync<Uint8Array<ArrayBuffer>, GameServiceError<'nex'>>>();
    expectTypeOf(withRetry(() => 'USR 1 OK', { service: 'msnp' })).toEqualTypeOf<ResultAsync<string, GameServiceError<'msnp'>>>();
  });

  it('unwraps an operation that returns a Result', () => {
    expectTypeOf(withRetry(() => okAsync(42), { service: 'nex' })).toEqualTypeOf<ResultAsync<number, GameServiceError<'nex'>>>();
  });

  it('hands the operation its attempt, signal and token', () => {
    void withRetry(
      ({ attempt, signal, token }) => {
        expectTypeOf(attempt).toEqualTypeOf<number>();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal | undefined>();
        expectTypeOf(token).toEqualTypeOf<string | undefined>();
        return 1;
      },
      { service: 'nex' },
    );
  });

  it('checks NEX codes in both notations against the catalog', async () => {
    const result = await withRetry(() => 1, { service: 'nex' });
    if (result.isErr()) {
      if (result.error.code === '2306-0806') expectTypeOf(result.error.code).toEqualTypeOf<'2306-0806'>();
      // @ts-expect-error a name is not a code
      if (result.error.code === 'Authentication::TokenExpired') return;
    }
  });
});

describe('neverthrow through the root entry', () => {
  it('gives the same Result types and constructors the client returns', async () => {
    const root = await import('../src/index.ts');
    expectTypeOf(root.ok(1)).toEqualTypeOf<Ok<number, never>>();
    expectTypeOf(root.errAsync('x')).toEqualTypeOf<ResultAsync<never, string>>();
    const client = root.createClient({ service: 'lobby' });
    expectTypeOf(client.get('x').json<{ id: string }>()).toEqualTypeOf<ResultAsync<{ id: string }, GameServiceError<'lobby'>>>();
    const operation = withRetry(() => root.okAsync(5), { service: 'nex' });
    expectTypeOf(operation).toEqualTypeOf<ResultAsync<number, GameServiceError<'nex'>>>();
  });
});
