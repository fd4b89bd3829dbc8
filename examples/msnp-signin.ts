/**
 * MSNP (MSN Messenger protocol): signing in through withRetry.
 *
 * MSNP is a line protocol: the client sends `USR <TrID> TWN S <ticket>` and the server answers
 * `USR <TrID> OK ...` or an error line such as `601 3`. withRetry reads each error line with the
 * MSNP adapter: 601 (server unavailable) and 910 (server too busy) are worth another try after a
 * backoff; 911 (authentication failed) is final, so it is reported at once, never sent again.
 *
 * Run: npm run example -- msnp-signin
 */
import { err, ok } from 'extralife';
import { withRetry, type GameServiceError } from 'extralife';
import { parseMsnpLine } from 'extralife/msnp';
import { msnpErrorLine } from 'extralife/testing';

/** Stands in for the notification server's socket: answers each USR from a script. */
function fakeNotificationServer(script: readonly ((trid: number) => string)[]) {
  let sent = 0;
  return {
    send(command: string): Promise<string> {
      const trid = Number(command.split(' ')[1]);
      const reply = script[Math.min(sent, script.length - 1)] ?? (() => msnpErrorLine(500, trid));
      sent += 1;
      const line = reply(trid);
      console.log(`  >>> ${command.replace(/t=\S+/, 't=...')}\n  <<< ${line.trimEnd()}`);
      return Promise.resolve(line);
    },
  };
}

/** One sign-in: USR with the Passport ticket, as many times as withRetry allows. */
function signIn(server: ReturnType<typeof fakeNotificationServer>, email: string) {
  let trid = 10;
  return withRetry(
    async () => {
      trid += 1;
      const reply = await server.send(`USR ${trid} TWN S t=ticket-for-${email}`);
      const line = parseMsnpLine(reply);
      // An error line is the failure itself: withRetry's MSNP adapter reads its code.
      if (line.kind === 'error' || line.kind === 'out') return err(reply);
      return ok(reply.split(' ')[3] ?? email);
    },
    {
      service: 'msnp',
      // Short for the example: by default the backoff starts at 1 s and grows to 15 s.
      retry: { backoff: { baseMs: 100, capMs: 400 } },
      onRetry: ({ error, delayMs }) => {
        console.log(`  ${error.code} ${error.codeName ?? ''}: ${error.category}, backing off ${Math.round(delayMs)} ms`);
      },
    },
  );
}

export async function main(): Promise<readonly (string | GameServiceError<'msnp'>)[]> {
  const outcomes: (string | GameServiceError<'msnp'>)[] = [];

  console.log('sign in as tom@hotmail.com (the server is busy)');
  const busy = fakeNotificationServer([(trid) => msnpErrorLine(601, trid), (trid) => msnpErrorLine(910, trid), (trid) => `USR ${trid} OK tom@hotmail.com 1 0\r\n`]);
  const tom = await signIn(busy, 'tom@hotmail.com');
  console.log(tom.isOk() ? `signed in as ${tom.value}` : `not signed in: ${tom.error.message}`);
  outcomes.push(tom.isOk() ? tom.value : tom.error);

  console.log('sign in as anna@hotmail.com (a stale ticket)');
  const refusing = fakeNotificationServer([(trid) => msnpErrorLine(911, trid)]);
  const anna = await signIn(refusing, 'anna@hotmail.com');
  if (anna.isErr()) {
    const { error } = anna;
    console.log(`not signed in: ${error.code} ${error.codeName ?? ''} is ${error.category}, retry advice "${error.retry}", after ${error.attempts ?? 1} attempt(s)`);
    console.log(error.category === 'unauthenticated' ? 'ask for the password again' : 'try again later');
  }
  outcomes.push(anna.isOk() ? anna.value : anna.error);
  return outcomes;
}

if (import.meta.main) await main();
