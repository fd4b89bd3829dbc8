/**
 * NEX (Nintendo game servers): a Login through withNexRetry.
 *
 * NEX speaks RMC over PRUDP, not HTTP, so there is no client for it: the game's own transport
 * sends the call, and withNexRetry gives it the same retry policy as the HTTP client. Login is one
 * of the methods that succeed at the RMC level and report failure in their body (%retval%):
 * during maintenance the frame says "success" and the body says
 * Authentication::UnderMaintenance (0x8068000B, shown to players as 2306-0811). Returning what
 * readRmcResponse gives is enough: withNexRetry reads that result, classifies it as maintenance,
 * and waits before logging in again.
 *
 * Run: node examples/nex-login.ts
 */
import { classifyNex, readRmcResponse, withNexRetry } from '../src/services/nex/index.ts';
import { nexResultBody, rmcSuccessFrame } from '../src/testing/index.ts';

const AUTHENTICATION = 10;
const LOGIN = 1;
const UNDER_MAINTENANCE = 0x8068000b;
const SUCCESS = 0x00010001;

/** Stands in for a PRUDP connection to the authentication server: the first Login meets maintenance. */
function fakeTransport() {
  let calls = 0;
  return {
    call(protocolId: number, methodId: number): Promise<Uint8Array> {
      calls += 1;
      const pid = new Uint8Array([0x39, 0x30, 0x00, 0x00]); // principal id 12345, little-endian
      const body = calls === 1 ? nexResultBody(UNDER_MAINTENANCE) : nexResultBody(SUCCESS, pid);
      console.log(`  attempt ${calls}: RMC success, body result 0x${(calls === 1 ? UNDER_MAINTENANCE : SUCCESS).toString(16)}`);
      return Promise.resolve(rmcSuccessFrame({ protocolId, callId: calls, methodId, body }));
    },
  };
}

/** The principal id after Login's %retval%. */
function principalOf(body: Uint8Array): number {
  return body.byteLength >= 8 ? new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(4, true) : 0;
}

export async function main(): Promise<number | string> {
  const maintenance = classifyNex(UNDER_MAINTENANCE);
  console.log(`0x${UNDER_MAINTENANCE.toString(16)} is ${maintenance.code} ${maintenance.codeName ?? ''}: ${maintenance.category}, retry advice "${maintenance.retry}"`);

  const connection = fakeTransport();
  const login = await withNexRetry(async () => readRmcResponse(await connection.call(AUTHENTICATION, LOGIN)), {
    // Short for the example; NEX gives no hint, so by default maintenance is looked at again after 30 s.
    retry: { maintenanceWaitMs: 500 },
    onRetry: ({ error, attempt, delayMs }) => {
      console.log(`  attempt ${attempt} failed: ${error.code} ${error.codeName ?? ''} (${error.category}), waiting ${Math.round(delayMs)} ms`);
    },
  });

  return login.match(
    (response) => {
      const pid = response.success ? principalOf(response.body) : 0;
      console.log(`logged in as principal ${pid}`);
      return pid;
    },
    (error) => {
      console.log(`login failed: ${error.message}`);
      return error.category;
    },
  );
}

if (import.meta.main) await main();
