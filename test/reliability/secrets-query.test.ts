/**
 * A token sent in the query string (`?access_token=`, `?api_key=`, ky's `searchParams`, a
 * prefix's query) and echoed back by the server in any field of its answer is masked like one
 * sent in a header: in the message, the details, what was received, JSON and util.inspect.
 */
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import type { GameServiceError } from '../../src/core/error.ts';
import { toHandler } from '../../src/testing/msw.ts';
import { mswServer } from '../msw-server.ts';

const server = mswServer();
const BASE = 'https://lobby.services.api.unity.com/v1';
const SECRET = 'tokSECRETaaaa1111';

/** Everything an error shows of itself. */
function rendered(error: GameServiceError): string {
  return [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error.details), JSON.stringify(error.received)].join('\n');
}

describe('a token in the query string, echoed by the server', () => {
  beforeEach(() => {
    server.use(toHandler('all', `${BASE}/*`, (request) => {
    const url = new URL(request.url);
    const echoed = [...url.searchParams.values()].find((value) => value === SECRET) ?? 'none';
    return Response.json({ status: 401, title: 'Unauthorized', detail: 'denied', correlationId: echoed, id: echoed }, { status: 401 });
    }));
  });

  it.each<[string, () => ReturnType<ReturnType<typeof createClient<'lobby'>>['get']>]>([
    ['?access_token= in the URL', () => createClient({ service: 'lobby', prefix: BASE }).get(`lobbies/x?access_token=${SECRET}`)],
    ['?api_key= in the URL', () => createClient({ service: 'lobby', prefix: BASE }).get(`lobbies/x?api_key=${SECRET}`)],
    ['token in searchParams', () => createClient({ service: 'lobby', prefix: BASE }).get('lobbies/x', { searchParams: { token: SECRET } })],
    ['access_token in the client\'s searchParams', () => createClient({ service: 'lobby', prefix: BASE, searchParams: { access_token: SECRET } }).get('lobbies/x')],
  ])('%s', async (_name, call) => {
    const result = await call().json();
    const error = result._unsafeUnwrapErr();
    // The server did echo it: the masking, not its absence, keeps it out.
    expect(error.status).toBe(401);
    expect(JSON.stringify(error.details)).toContain('[redacted]');
    expect(rendered(error)).not.toContain(SECRET);
  });
});
