/**
 * The loopback server of the socket benchmark, run in its own process so that its work is not
 * the client's: 127.0.0.1, a free port, printed on stdout once listening. `GET .../missing`
 * answers a Lobby 404 problem document, anything else a 200 lobby. It exits when its parent's
 * stdin closes.
 */
import { createServer } from 'node:http';

const LOBBY = JSON.stringify({ id: 'lobby-1', name: 'Friday night', maxPlayers: 8, players: [{ id: 'p-1' }, { id: 'p-2' }], isPrivate: false });
const NOT_FOUND = JSON.stringify({ title: 'Not Found', status: 404, code: 16001, detail: 'lobby not found', type: 'http://unity3d/lobby/errors/lobby-not-found' });

const server = createServer((request, response) => {
  const missing = request.url?.endsWith('/missing') === true;
  request.resume();
  request.on('end', () => {
    response.writeHead(missing ? 404 : 200, {
      'content-type': missing ? 'application/problem+json' : 'application/json',
      'content-length': Buffer.byteLength(missing ? NOT_FOUND : LOBBY),
    });
    response.end(missing ? NOT_FOUND : LOBBY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`${address.port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  server.closeAllConnections();
});
