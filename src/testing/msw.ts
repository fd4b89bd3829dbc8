import { http, HttpHandler, type Path } from 'msw';
import { answer, type Responder } from './responder.ts';

/**
 * The methods msw's `http` namespace can match, in either case; `all` matches every method.
 * @example
 * const method: HandlerMethod = 'post';
 */
export type HandlerMethod = 'all' | 'head' | 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';

/**
 * An msw request handler that answers with a responder. The resolver never throws: a network
 * fault is `Response.error()`, and a responder that throws answers 500 with the error's text.
 *
 * @param method `'get'`, `'POST'`, ... or `'all'`
 * @param urlPattern msw's path: an absolute URL with `:params` and `*`, or a RegExp
 * @example
 * import { setupServer } from 'msw/node';
 * const server = setupServer(
 *   toHandler('post', 'https://lobby.services.api.unity.com/v1/lobbies/:id/join', () => serviceError('lobby', 16004)),
 * );
 * server.listen({ onUnhandledFrame: 'error' }); // msw 3's name for msw 2's onUnhandledRequest
 */
export function toHandler(method: HandlerMethod | Uppercase<HandlerMethod>, urlPattern: Path, responder: Responder): HttpHandler {
  const resolve = ({ request }: { request: Request }): Promise<Response> => answer(responder, request);
  const name: string = method;
  // HttpHandler matches any method name, so an unusual one still makes a handler rather than a TypeError.
  return name.toLowerCase() === 'all' ? http.all(urlPattern, resolve) : new HttpHandler(name.toUpperCase(), urlPattern, resolve);
}
