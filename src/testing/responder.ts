import type { HttpService } from '../core/service.ts';

/**
 * A fake service: takes a fetch `Request`, answers with a fetch `Response`.
 * The same responder runs under msw (`toHandler` (extralife/testing/msw)) and behind a real loopback server
 * ({@link startLoopbackServer}); scenarios are responders that wrap other responders.
 *
 * A responder reports a network failure by answering `Response.error()`, never by throwing.
 *
 * @example
 * const ok: Responder = () => serviceSuccess('lobby', { id: 'lobby-1' });
 */
export type Responder = (request: Request) => Response | Promise<Response>;

/**
 * The HTTP services a fake can stand in for: `'coral' | 'companion' | 'platform' | 'lobby'`.
 * @example
 * const service: FakeService = 'lobby';
 */
export type FakeService = HttpService;

/**
 * Calls a responder and always settles with a Response: a responder that throws or rejects
 * answers 500 with the error's message, so a broken fake shows up as a failed request, not as
 * an exception inside msw or the loopback server. `toHandler` (extralife/testing/msw) and the loopback server
 * use it; it is exported for serving a responder some other way.
 *
 * @example
 * const response = await answer(fake, new Request('https://lobby.services.api.unity.com/v1/lobbies/query'));
 */
export async function answer(responder: Responder, request: Request): Promise<Response> {
  try {
    return await responder(request);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new Response(`extralife/testing: the responder threw (${message})`, {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-extralife-testing': 'responder-threw' },
    });
  }
}

/**
 * An msw resolver, `({ request }) => Promise<Response>`, that answers with a responder: hand it to
 * the `http` of your own msw (`http.post(url, toResolver(fake))`). It imports nothing from msw, so
 * the handler is your msw's own type however extralife was installed, a linked checkout included,
 * where `toHandler` would carry the checkout's copy of msw. Like `toHandler`, it never throws.
 *
 * @example
 * // import { http } from 'msw';
 * // server.use(http.post('https://lobby.services.api.unity.com/v1/lobbies/:id/join', toResolver(fake)));
 * const resolver = toResolver(() => serviceError('lobby', 16004));
 */
export function toResolver(responder: Responder): (info: { request: Request }) => Promise<Response> {
  return ({ request }) => answer(responder, request);
}
