/**
 * NEX (Nintendo game servers): a Login through withRetry.
 *
 * NEX speaks RMC over PRUDP, not HTTP, so there is no client for it: the game's own transport
 * sends the call, and withRetry gives it the same retry policy as the HTTP client. Login is one
 * of the methods that succeed at the RMC level and report failure in their body (%retval%):
 * during maintenance the frame says "success" and the body says
 * Authentication::UnderMaintenance (0x8068000B, shown to players as 2306-0811). Read that way,
 * the result classifies as maintenance, and withRetry waits before logging in again.
 *
 * Run: npm run example -- nex-login
 */
import { err, ok } from 'extralife';
import { withRetry } from 'extralife';
import { classifyNex, readRmcResponse } from 'extralife/nex';
import { nexResultBody, rmcSuccessFrame } from 'extralife/testing';

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
      return Promise.resolve(rmcSuccessFrame({ protocolId, callId: calls, methodId, body }));
    },
  };
}

/** Login's %retval% and the principal id after it. */
function readLogin(body: Uint8Array): { result: number; pid: number } {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return { result: view.getUint32(0, true), pid: body.byteLength >= 8 ? view.getUint32(4, true) : 0 };
}

export async function main(): Promise<number | string> {
  const transport = fakeTransport();
  const maintenance = classifyNex(UNDER_MAINTENANCE);
  console.log(`0x${UNDER_MAINTENANCE.toString(16)} is ${maintenance.code} ${maintenance.codeName ?? ''}: ${maintenance.category}, retry advice "${maintenance.retry}"`);

  const login = await withRetry(
    async ({ attempt }) => {
      const frame = await transport.call(AUTHENTICATION, LOGIN);
      const read = readRmcResponse(frame);
      if (read.isErr()) return err(read.error);
      const response = read.value;
      if (!response.success) return err(classifyNex(response.resultCode));
      const { result, pid } = readLogin(response.body);
      // Bit 31 set: the call went through, and its answer is a failure.
      if ((result & 0x80000000) !== 0) {
        console.log(`  attempt ${attempt}: RMC success, body result 0x${result.toString(16)}`);
        return err(classifyNex(frame, { bodyResult: true }));
      }
      console.log(`  attempt ${attempt}: logged in`);
      return ok(pid);
    },
    {
      service: 'nex',
      // Short for the example; NEX gives no hint, so by default maintenance is looked at again after 30 s.
      retry: { maintenanceWaitMs: 500 },
      onRetry: ({ error, attempt, delayMs }) => {
        console.log(`  attempt ${attempt} failed: ${error.code} ${error.codeName ?? ''} (${error.category}), waiting ${Math.round(delayMs)} ms`);
      },
    },
  );

  return login.match(
    (pid) => {
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
