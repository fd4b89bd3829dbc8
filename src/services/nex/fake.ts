/**
 * NEX RMC response frames, byte for byte as the "packed" variation sends them
 * (kinnay/NintendoClients nintendo/nex/rmc.py; PretendoNetwork nintendo-wiki docs/rmc.md),
 * little-endian:
 *
 * | field | success | error |
 * |---|---|---|
 * | u32 size | bytes after this field | bytes after this field |
 * | u8 protocol id | id (< 0x7F), or 0x7F then u16 id | same |
 * | u8 success | 1 | 0 |
 * | | u32 call id | u32 result code |
 * | | u32 method id \| 0x8000 | u32 call id |
 * | | body | — |
 *
 * Numbers are written as unsigned: a result code may be given as 0x80680006 or as the signed
 * `0x80680006 | 0`; ids are cut to their field's width.
 */

/** Ids from 0x7F up take the extended form (rmc.py only extends from 0x80, which makes 0x7F ambiguous). */
const EXTENDED = 0x7f;
const METHOD_RESPONSE_BIT = 0x8000;

/**
 * Options of {@link rmcErrorFrame}.
 * @example
 * const options: RmcErrorFrameOptions = { protocolId: 10, callId: 1, resultCode: 0x80680006 };
 */
export interface RmcErrorFrameOptions {
  /** The protocol id (10 Authentication, 11 Secure Connection, ...). */
  readonly protocolId: number;
  /** The call id of the request this answers. */
  readonly callId: number;
  /** The NEX result code, error bit set: 0x80680006 is Authentication::TokenExpired. */
  readonly resultCode: number;
  /**
   * The method called. An error frame does not carry it (rmc.py, nintendo-wiki); it is
   * accepted so that one description of a call builds either frame.
   */
  readonly methodId?: number | undefined;
}

/**
 * Options of {@link rmcSuccessFrame}.
 * @example
 * const options: RmcSuccessFrameOptions = { protocolId: 10, callId: 1, methodId: 1, body: nexResultBody(0x80030064) };
 */
export interface RmcSuccessFrameOptions {
  /** The protocol the call belongs to (10: Authentication). */
  readonly protocolId: number;
  /** The call id the answer echoes. */
  readonly callId: number;
  /** The method called; the frame carries it with bit 0x8000 set. */
  readonly methodId: number;
  /** The method's response data. @default empty */
  readonly body?: Uint8Array | undefined;
}

function protocolHeader(protocolId: number): number[] {
  const id = protocolId & 0xffff;
  return id < EXTENDED ? [id] : [EXTENDED, id & 0xff, id >>> 8];
}

function frame(parts: readonly (readonly number[] | Uint8Array)[]): Uint8Array {
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(4 + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size, true);
  let offset = 4;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}

/**
 * An RMC error response: `u32 size, protocol, u8 0, u32 result code, u32 call id`.
 *
 * @example
 * rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x80680006 });
 * // 0a 00 00 00 | 0a | 00 | 06 00 68 80 | 01 00 00 00 (size 10: everything after the size field)
 */
export function rmcErrorFrame(options: RmcErrorFrameOptions): Uint8Array {
  return frame([protocolHeader(options.protocolId), [0], u32(options.resultCode), u32(options.callId)]);
}

/**
 * An RMC success response: `u32 size, protocol, u8 1, u32 call id, u32 method id | 0x8000, body`.
 *
 * @example
 * rmcSuccessFrame({ protocolId: 10, callId: 1, methodId: 1, body: nexResultBody(0x00010001) });
 */
export function rmcSuccessFrame(options: RmcSuccessFrameOptions): Uint8Array {
  const method = (options.methodId | METHOD_RESPONSE_BIT) >>> 0;
  return frame([protocolHeader(options.protocolId), [1], u32(options.callId), u32(method), options.body ?? new Uint8Array(0)]);
}

/**
 * A method response body whose first u32 is a result code, as Authentication's Login returns
 * `%retval%` (a call that succeeds at the RMC level and fails inside: RendezVous::InvalidUsername,
 * Authentication::UnderMaintenance). `rest` follows it unchanged.
 *
 * @example
 * rmcSuccessFrame({ protocolId: 10, callId: 3, methodId: 1, body: nexResultBody(0x80030064) });
 */
export function nexResultBody(resultCode: number, rest: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(4 + rest.length);
  out.set(u32(resultCode), 0);
  out.set(rest, 4);
  return out;
}
