import type { Result, ResultAsync } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { ClientOptions, ClientRequest, RequestOptions } from '../src/client/types.ts';
import { createClient } from '../src/create-client.ts';
import { isGameServiceError, type GameServiceError } from '../src/core/error.ts';
import type { AuthOptions } from '../src/retry/tokens.ts';
import { withNexRetry } from '../src/services/nex/with-retry.ts';
import { withRetry, type WithRetryOptions } from '../src/with-retry.ts';

const lobby = createClient({ service: 'lobby', prefix: 'https://lobby.services.api.unity.com/v1' });

describe('a call, as ky\'s ResponsePromise', () => {
  it('awaits to a Result of the Response', async () => {
    const call = lobby.delete('lobbies/l-1');
    expectTypeOf(call).toEqualTypeOf<ClientRequest<'lobby'>>();
    expectTypeOf(call).toExtend<ResultAsync<Response, GameServiceError<'lobby'>>>();
    expectTypeOf(call).toExtend<PromiseLike<Result<Response, GameServiceError<'lobby'>>>>();
    expectTypeOf(await call).toEqualTypeOf<Result<Response, GameServiceError<'lobby'>>>();
    expectTypeOf(call.response()).toEqualTypeOf<ResultAsync<Response, GameServiceError<'lobby'>>>();
  });

  it('reads the same call with every body method', () => {
    const call = lobby.get('lobbies/l-1');
    expectTypeOf(call.json<{ id: string }>()).toEqualTypeOf<ResultAsync<{ id: string }, GameServiceError<'lobby'>>>();
    expectTypeOf(call.text()).toEqualTypeOf<ResultAsync<string, GameServiceError<'lobby'>>>();
    expectTypeOf(call.arrayBuffer()).toEqualTypeOf<ResultAsync<ArrayBuffer, GameServiceError<'lobby'>>>();
    expectTypeOf(call.blob()).toEqualTypeOf<ResultAsync<Blob, GameServiceError<'lobby'>>>();
  });

  it('is a ResultAsync: map, andThen and match work on it', async () => {
    const status = lobby.get('lobbies/l-1').map((response) => response.status);
    expectTypeOf(status).toEqualTypeOf<ResultAsync<number, GameServiceError<'lobby'>>>();
    const shown = await lobby.head('lobbies/l-1').match((response) => response.ok, (error) => error.category);
    expectTypeOf(shown).toEqualTypeOf<boolean | GameServiceError<'lobby'>['category']>();
  });
});

describe('narrowing', () => {
  it('narrows the code by the service after isGameServiceError', () => {
    const caught: unknown = undefined;
    if (isGameServiceError(caught) && caught.service === 'lobby') {
      expectTypeOf(caught).toEqualTypeOf<GameServiceError<'lobby'>>();
      expectTypeOf(caught.code).toEqualTypeOf<GameServiceError<'lobby'>['code']>();
      if (caught.code === '16004') expectTypeOf(caught.code).toEqualTypeOf<'16004'>();
      // @ts-expect-error 2306-0806 is a NEX code, not a Lobby one
      if (caught.code === '2306-0806') return;
    }
    if (isGameServiceError(caught)) {
      switch (caught.service) {
        case 'nex':
          expectTypeOf(caught.code).toEqualTypeOf<GameServiceError<'nex'>['code']>();
          break;
        case 'coral':
          if (caught.code === '9404') expectTypeOf(caught.code).toEqualTypeOf<'9404'>();
          break;
        default:
          break;
      }
    }
  });
});

describe('options under exactOptionalPropertyTypes', () => {
  const getToken = (): string => 'token';
  const refreshToken = (): Promise<string> => Promise.resolve('fresh');

  it('take an explicit undefined in client options', () => {
    const options: ClientOptions<'lobby'> = {
      service: 'lobby',
      prefix: undefined,
      timeout: undefined,
      headers: undefined,
      hooks: undefined,
      signal: undefined,
      fetch: undefined,
      auth: undefined,
      retry: { limit: undefined, maxRetryTime: undefined, budget: undefined, gateSpreadMs: undefined },
      poll: undefined,
      onRetry: undefined,
      onGiveUp: undefined,
      onRefresh: undefined,
      onPoll: undefined,
      maxBodyBytes: undefined,
    };
    expectTypeOf(createClient(options).service).toEqualTypeOf<'lobby'>();
  });

  it('take an explicit undefined in per-call options', () => {
    const options: RequestOptions = {
      json: undefined,
      body: undefined,
      headers: undefined,
      searchParams: undefined,
      timeout: undefined,
      signal: undefined,
      retry: undefined,
      idempotent: undefined,
      idempotencyKey: undefined,
      maxBodyBytes: undefined,
    };
    expectTypeOf(lobby.get('lobbies', options)).toEqualTypeOf<ClientRequest<'lobby'>>();
  });

  it('take an explicit undefined in auth', () => {
    const auth: AuthOptions = { getToken, refreshToken, header: undefined, scheme: undefined };
    expectTypeOf(createClient({ service: 'coral', auth }).service).toEqualTypeOf<'coral'>();
  });

  it('take an explicit undefined in withRetry options', () => {
    const options: WithRetryOptions<'nex'> = {
      service: 'nex',
      retry: { limit: undefined, maxRetryTime: undefined },
      signal: undefined,
      idempotent: undefined,
      auth: undefined,
      scope: undefined,
      onRetry: undefined,
      onGiveUp: undefined,
      onRefresh: undefined,
    };
    expectTypeOf(withRetry(() => 1, options)).toEqualTypeOf<ResultAsync<number, GameServiceError<'nex'>>>();
    expectTypeOf(withNexRetry(() => 1, { retry: undefined, signal: undefined })).toEqualTypeOf<ResultAsync<number, GameServiceError<'nex'>>>();
  });
});
