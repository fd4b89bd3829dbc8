/**
 * Nintendo Switch Online app API (Coral) with encrypted bodies.
 *
 * Since app 3.0.3 the app encrypts its request bodies and Coral encrypts its answers (nxapi does
 * the same). The client stays the same: two ky hooks wrap it. `beforeRequest` encrypts the JSON
 * the call sends; `afterResponse` decrypts the answer before the client reads it, so the adapter
 * sees plain Coral JSON. Here the fake service expires the first token with an encrypted
 * {"status": 9404}: decrypted, it renews the token once, and the call succeeds.
 *
 * The cipher is a stand-in (AES-256-GCM with a key both sides know), not Nintendo's scheme; what
 * matters is where the hooks sit.
 *
 * Run: node examples/coral-encrypted.ts
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createClient, type GameServiceError } from 'extralife';
import { serviceSuccess, startLoopbackServer, type Responder } from 'extralife/testing';

const KEY = randomBytes(32);
const ENCRYPTED = 'application/octet-stream';

/** iv (12 bytes) + tag (16 bytes) + ciphertext. */
function encrypt(plain: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

function decrypt(sealed: ArrayBuffer): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** What the fake service saw: whether each request body arrived encrypted, and its token. */
export interface Seen {
  readonly token: string | null;
  readonly encrypted: boolean;
  readonly request: unknown;
}

/** A fake Coral API that reads and answers only encrypted bodies; token-1 has expired. */
function encryptedCoral(seen: Seen[]): Responder {
  return async (request) => {
    const token = request.headers.get('authorization');
    const encrypted = request.headers.get('content-type') === ENCRYPTED;
    const plain = encrypted ? decrypt(await request.arrayBuffer()) : await request.text();
    seen.push({ token, encrypted, request: JSON.parse(plain) as unknown });
    const answer: unknown = token === 'Bearer token-1'
      ? { status: 9404, errorMessage: 'Token expired.', correlationId: 'c0ffee00-0000-4000-8000-000000000001' }
      : await serviceSuccess('coral', { friends: [{ name: 'Marina' }, { name: 'Pearl' }] }).json();
    return new Response(encrypt(JSON.stringify(answer)), { status: 200, headers: { 'content-type': ENCRYPTED } });
  };
}

/** What the run shows: the decrypted answer the call returned, and what reached the service. */
export interface Outcome {
  readonly friends: readonly string[] | GameServiceError<'coral'>;
  readonly refreshes: number;
  readonly seen: readonly Seen[];
}

export async function main(): Promise<Outcome> {
  const seen: Seen[] = [];
  const server = await startLoopbackServer(encryptedCoral(seen));
  let refreshes = 0;
  try {
    const coral = createClient({
      service: 'coral',
      prefix: server.url,
      auth: {
        getToken: () => 'token-1',
        refreshToken: (rejected) => {
          refreshes += 1;
          console.log(`refreshToken(${rejected}) called`);
          return Promise.resolve('token-2');
        },
      },
      hooks: {
        // The JSON the call gives is sealed before it leaves.
        beforeRequest: [
          async ({ request }) => {
            const plain = await request.text();
            const headers = new Headers(request.headers);
            headers.set('content-type', ENCRYPTED);
            return new Request(request, { body: encrypt(plain), headers });
          },
        ],
        // The answer is opened before the client reads it: the adapter sees Coral's own JSON.
        afterResponse: [
          async ({ response }) => {
            if (response.headers.get('content-type') !== ENCRYPTED) return response;
            const plain = decrypt(await response.arrayBuffer());
            const headers = new Headers(response.headers);
            headers.set('content-type', 'application/json');
            return new Response(plain, { status: response.status, statusText: response.statusText, headers });
          },
        ],
      },
    });
    const result = await coral.post('v3/Friend/List', { json: { parameter: {} } }).json<{ friends: { name: string }[] }>();
    const friends = result.isOk() ? result.value.friends.map((friend) => friend.name) : result.error;
    console.log(result.isOk() ? `friends: ${result.value.friends.map((friend) => friend.name).join(', ')}` : `failed: ${result.error.category}`);
    for (const [index, request] of seen.entries()) console.log(`request ${index + 1}: ${request.token ?? 'no token'}, body ${request.encrypted ? 'encrypted' : 'in clear'}`);
    return { friends, refreshes, seen };
  } finally {
    await server.close();
  }
}

if (import.meta.main) await main();
