/**
 * Peak memory of reading big bodies through the client, beside bare ky: a report, not a test.
 * `node scripts/body-memory.ts [--mb 200] [--bomb-members 64]`
 *
 * A loopback server (127.0.0.1, a free port, in this process) serves two answers:
 * - `/big`: a 200 MB 2xx body, made chunk by chunk (this process never holds it whole);
 * - `/bomb`: a gzip bomb, gzip members of 16 MiB of zeros in a row: 64 of them weigh about 1 MB on
 *   the wire and decode to 1 GiB.
 * Each reading runs in a child process of its own, so that its peak resident memory (maxRSS) is
 * its alone; a child that only starts and imports the same modules gives the baseline.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const MEGABYTE = 1024 * 1024;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

/** What one child does: read one answer one way, then print its peak memory in MB. */
async function child(variant: string, url: string): Promise<void> {
  const { default: ky } = await import('ky');
  const { createClient } = await import('../src/create-client.ts');
  const lobby = createClient({ service: 'lobby', prefix: url, timeout: false });
  let outcome: string;
  /** Reads a stream to its end, keeping nothing: what a caller streaming a download does. */
  const drain = async (body: ReadableStream<Uint8Array> | null): Promise<number> => {
    let bytes = 0;
    if (body === null) return bytes;
    for await (const chunk of body) bytes += chunk.byteLength;
    return bytes;
  };
  switch (variant) {
    case 'baseline':
      outcome = 'imports only';
      break;
    case 'ky-stream': {
      const response = await ky.get(`${url}/big`, { timeout: false });
      outcome = `${String(await drain(response.body))} bytes streamed`;
      break;
    }
    case 'client-response': {
      const result = await lobby.get('big').response();
      outcome = result.isOk() ? `${String(await drain(result.value.body))} bytes streamed` : result.error.message;
      break;
    }
    case 'client-await': {
      const result = await lobby.get('big');
      outcome = result.isOk() ? `${String(await drain(result.value.body))} bytes streamed` : result.error.message;
      break;
    }
    case 'ky-bomb-json': {
      try {
        await ky.get(`${url}/bomb`, { timeout: false }).json();
        outcome = 'parsed';
      } catch (thrown) {
        outcome = `threw ${thrown instanceof Error ? thrown.message.slice(0, 80) : String(thrown)}`;
      }
      break;
    }
    case 'client-bomb-json': {
      const result = await lobby.get('bomb').json();
      outcome = result.isOk() ? 'parsed' : `${result.error.code}: ${result.error.message.slice(0, 90)}`;
      break;
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ variant, peakMb, outcome }));
}

async function parent(): Promise<void> {
  const megabytes = argument('mb', 200);
  const members = argument('bomb-members', 64);
  const member = gzipSync(Buffer.alloc(16 * MEGABYTE), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: members }, () => member));
  const server = createServer((request, response) => {
    if (request.url === '/bomb') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      response.end(bomb);
      return;
    }
    const total = megabytes * MEGABYTE;
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += CHUNK.length;
        if (!response.write(CHUNK)) return;
      }
      response.end();
    };
    response.on('drain', pump);
    pump();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const self = fileURLToPath(import.meta.url);
  console.log(`node ${process.version}; /big is ${String(megabytes)} MB; /bomb is ${(bomb.length / MEGABYTE).toFixed(2)} MB on the wire, ${String(members * 16)} MiB decoded`);
  console.log('variant            peak RSS   outcome');
  for (const variant of ['baseline', 'ky-stream', 'client-response', 'client-await', 'ky-bomb-json', 'client-bomb-json']) {
    const runner = spawn(process.execPath, [self, '--child', variant, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    runner.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const [code] = (await once(runner, 'close')) as [number | null];
    const line = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || line === '') {
      console.log(`${variant.padEnd(18)} exited ${String(code)}`);
      continue;
    }
    const report = JSON.parse(line) as { peakMb: number; outcome: string };
    console.log(`${variant.padEnd(18)} ${report.peakMb.toFixed(0).padStart(5)} MB   ${report.outcome}`);
  }
  server.close();
}

const at = process.argv.indexOf('--child');
if (at === -1) await parent();
else await child(process.argv[at + 1] ?? '', process.argv[at + 2] ?? '');
