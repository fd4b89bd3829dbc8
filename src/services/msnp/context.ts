import type { MsnpCodeEntry } from '../../catalog/generated/msnp.ts';
import type { ClassifyContext } from '../../core/adapter.ts';
import { safeGet } from '../../core/safe.ts';

/** What the MSNP adapter can be told beside the raw value: where the answer arrived, and to what. */
export interface MsnpClassifyContext extends ClassifyContext {
  /**
   * The connection the answer arrived on. A switchboard signs in with the ticket the
   * notification server handed out (XFR, RNG), never with the password, so its 911 means that
   * ticket is stale: aMSN reconnects, Miranda NG shows no wrong-password message.
   * @default 'notification'
   */
  readonly connection?: 'notification' | 'switchboard' | undefined;
  /**
   * The command the answer is to (`USR`, `ANS`, `CAL`, `ADL`, ...). ANS, CAL, IRO and JOI exist
   * only on a switchboard, so they say which connection it is.
   */
  readonly command?: string | undefined;
  /**
   * True when Passport accepted this sign-in (the RST or Nexus request gave a ticket): a 911 to
   * the USR that carries the ticket then rejects the ticket, not the password.
   */
  readonly passportAccepted?: boolean | undefined;
  /** The dialect the session speaks (18 for MSNP18), for stepping over payloads. @default every dialect */
  readonly dialect?: number | undefined;
}

/** Commands only a switchboard has. */
const SWITCHBOARD_COMMANDS = new Set(['ANS', 'CAL', 'IRO', 'JOI']);

/** Why a 911 in this context rejects a ticket rather than credentials, or undefined when it does not. */
function staleTicketReason(context: MsnpClassifyContext | undefined): 'switchboard' | 'passport-accepted' | undefined {
  if (context === undefined) return undefined;
  const command = safeGet(context, 'command');
  // Read as leniently as the command: a caller without types may write 'SWITCHBOARD'.
  const connection = safeGet(context, 'connection');
  const onSwitchboard = (typeof connection === 'string' && connection.trim().toLowerCase() === 'switchboard') || (typeof command === 'string' && SWITCHBOARD_COMMANDS.has(command.trim().toUpperCase()));
  if (onSwitchboard) return 'switchboard';
  return safeGet(context, 'passportAccepted') === true ? 'passport-accepted' : undefined;
}

const STALE_TICKET: Readonly<Record<'switchboard' | 'passport-accepted', string>> = {
  switchboard:
    'The switchboard refused the ticket the notification server handed out for it, which is stale or already used. Ask the notification server for a new switchboard (XFR) and connect again; the password is not at fault.',
  'passport-accepted':
    'The notification server refused the Passport ticket of a sign-in that Passport had accepted: the ticket is stale, not the password. Fetch a new ticket and sign in again.',
};

/**
 * The entry a code has in this context: 911 on a switchboard, or after Passport accepted the
 * sign-in, is a stale ticket, renewed once and retried like 928 (which Escargot never sends).
 */
export function entryInContext(entry: MsnpCodeEntry, context: MsnpClassifyContext | undefined): { readonly entry: MsnpCodeEntry; readonly facts: Readonly<Record<string, unknown>> } {
  const reason = entry.code === '911' ? staleTicketReason(context) : undefined;
  if (reason === undefined) return { entry, facts: {} };
  return {
    entry: { ...entry, category: 'token-expired', retry: 'refresh', description: STALE_TICKET[reason] },
    facts: { staleTicket: reason },
  };
}

/** The dialect a context or options object names, when it is a whole number. */
export function dialectOf(options: unknown): number | undefined {
  const dialect = safeGet(options, 'dialect');
  return typeof dialect === 'number' && Number.isInteger(dialect) ? dialect : undefined;
}
