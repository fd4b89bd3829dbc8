/**
 * The MSNP commands that carry a payload: their last parameter is its length in bytes, and that
 * many bytes follow the line. Payload text can look like anything ("200 points in round two"), so
 * a reader that does not step over it takes it for lines. The list is the union of what the
 * public clients and the Escargot server read as payload commands, with the dialect each first
 * appears in (catalog/sources/msnp-payload-commands.json names the source of each).
 */

/** How a payload command announces its payload. */
export interface PayloadCommand {
  /** The first MSNP dialect that has the command with a payload. */
  readonly since: number;
  /**
   * The fewest parameters (TrID included) the command has when it carries a payload: with fewer,
   * its last parameter is something else (`QRY 12`, the server's answer to a challenge, has none).
   */
  readonly minParams: number;
}

function command(since: number, minParams: number): PayloadCommand {
  return { since, minParams };
}

/** Every payload command, by name. */
export const MSNP_PAYLOAD_COMMANDS: ReadonlyMap<string, PayloadCommand> = new Map([
  // MSG <TrID|sender> <ack|name> <length>: switchboard and notification messages, since MSNP2.
  ['MSG', command(2, 3)],
  // NOT <length> (MSN Alerts), IPG <length> (pager), PAG <TrID> <address> <length> (mobile paging).
  ['NOT', command(2, 1)],
  ['IPG', command(2, 1)],
  ['PAG', command(2, 3)],
  // QRY <TrID> <product id> <length>: the client's challenge answer.
  ['QRY', command(2, 3)],
  // SDC <TrID> ... <length>: an invitation by e-mail (Escargot: MSNP5 on).
  ['SDC', command(5, 2)],
  // GCF <TrID> [<file>] <length>: the server's configuration (privacy shields).
  ['GCF', command(11, 2)],
  // UBX <address> [<network>] <length> and UUX <TrID> <length>: personal messages, MSNP11 on.
  ['UBX', command(11, 2)],
  ['UUX', command(11, 2)],
  // ADL, RML, FQY <TrID> <length>: the MSNP13 contact list, in XML.
  ['ADL', command(13, 2)],
  ['RML', command(13, 2)],
  ['FQY', command(13, 2)],
  // UBN <address> <type> <length>, UUN <TrID> <address> <type> <length>: notifications.
  ['UBN', command(13, 3)],
  ['UUN', command(13, 2)],
  // UBM, UUM: messages to and from Yahoo! Messenger users, MSNP14 on.
  ['UBM', command(14, 3)],
  ['UUM', command(14, 3)],
  // MSNP18: circle messages (SDG), presence and notifications (PUT, DEL, GET, NFY PUT|DEL), VAS.
  ['SDG', command(18, 2)],
  ['NFY', command(18, 2)],
  ['PUT', command(18, 2)],
  ['DEL', command(18, 2)],
  ['GET', command(18, 2)],
  ['VAS', command(18, 2)],
]);

/**
 * Whether a command carries a payload in a dialect, given its parameter count (TrID included).
 * Without a dialect, every dialect's payload commands count: a name never means two things.
 */
export function carriesPayload(name: string, params: number, dialect: number | undefined): boolean {
  const known = MSNP_PAYLOAD_COMMANDS.get(name);
  if (known === undefined || params < known.minParams) return false;
  return dialect === undefined || dialect >= known.since;
}
