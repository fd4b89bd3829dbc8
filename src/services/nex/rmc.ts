/**
 * RMC response frames, the "packed" variation every NEX title uses. Little-endian:
 *
 *   u32 size (of what follows) · u8 protocol id (bit 0x80 set on requests; 0x7F = a u16 id follows)
 *   · u8 success · failure: u32 result code, u32 call id · success: u32 call id,
 *   u32 method id (ORed with 0x8000), body
 *
 * (PretendoNetwork/nintendo-wiki docs/rmc.md; kinnay/NintendoClients nintendo/nex/rmc.py)
 */

/** The protocol byte's flag that marks a request; responses have it clear. */
const REQUEST_FLAG = 0x80;
/** The protocol byte value that says a u16 protocol id follows. */
const EXTENDED_PROTOCOL = 0x7f;
/** Responses echo the method id with this bit set. */
const RESPONSE_METHOD_FLAG = 0x8000;
const SIZE_BYTES = 4;

/** An RMC response that reports failure: the call failed with a NEX result code. */
export interface RmcFailureResponse {
  readonly success: false;
  readonly protocolId: number;
  /** True when the protocol id came in the extended (u16) form. */
  readonly extendedProtocol: boolean;
  readonly callId: number;
  /** The result code as sent, a uint32 (bit 31 set on every real error). */
  readonly resultCode: number;
}

/** An RMC response that reports success; its body is the method's return values. */
export interface RmcSuccessResponse {
  readonly success: true;
  readonly protocolId: number;
  readonly extendedProtocol: boolean;
  readonly callId: number;
  /** The method id without the response flag (0x8000). */
  readonly methodId: number;
  /**
   * The method's return values, a view over the frame's memory (not a copy). Some methods
   * return a result code first (`%retval%`: Ticket Granting's Login, LoginEx and RequestTicket),
   * which may report failure although the call succeeded; others return no result at all.
   */
  readonly body: Uint8Array;
}

export type RmcResponse = RmcFailureResponse | RmcSuccessResponse;

/** Why a value could not be read as an RMC response frame. */
export interface RmcFrameProblem {
  readonly reason: string;
  readonly byteLength: number;
}

/** What reading a frame gave: the response, or why there is none. */
export type RmcFrameReading =
  | { readonly ok: true; readonly response: RmcResponse }
  | { readonly ok: false; readonly problem: RmcFrameProblem };

function problem(bytes: Uint8Array, reason: string): RmcFrameReading {
  return { ok: false, problem: { reason, byteLength: bytes.byteLength } };
}

/** Reads the bytes of one RMC response frame, strictly: any size mismatch is a problem. Never throws. */
export function readRmcFrame(bytes: Uint8Array): RmcFrameReading {
  const total = bytes.byteLength;
  if (total < SIZE_BYTES) return problem(bytes, `${total} bytes are too few for the frame's size field (4 bytes).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, total);
  const size = view.getUint32(0, true);
  if (size !== total - SIZE_BYTES) {
    return problem(
      bytes,
      size > total - SIZE_BYTES
        ? `The frame is truncated: its size field says ${size} bytes follow, but only ${total - SIZE_BYTES} do.`
        : `The frame's size field says ${size} bytes follow, but ${total - SIZE_BYTES} do: trailing bytes or not an RMC frame.`,
    );
  }
  let offset = SIZE_BYTES;
  if (total < offset + 2) return problem(bytes, 'The frame ends before its protocol id and success flag.');
  const protocolByte = view.getUint8(offset);
  offset += 1;
  if ((protocolByte & REQUEST_FLAG) !== 0) {
    return problem(bytes, 'The frame is an RMC request (protocol byte has bit 0x80 set), not a response.');
  }
  let protocolId = protocolByte;
  const extendedProtocol = protocolByte === EXTENDED_PROTOCOL;
  if (extendedProtocol) {
    if (total < offset + 3) return problem(bytes, 'The frame ends inside its extended (u16) protocol id.');
    protocolId = view.getUint16(offset, true);
    offset += 2;
  }
  const successFlag = view.getUint8(offset);
  offset += 1;
  if (successFlag > 1) return problem(bytes, `The frame's success flag is ${successFlag}, not 0 or 1: not an RMC response.`);
  if (successFlag === 0) {
    if (total !== offset + 8) {
      return problem(
        bytes,
        total < offset + 8
          ? 'The failure frame ends before its result code and call id (8 bytes).'
          : `The failure frame has ${total - offset - 8} bytes after its call id; a failure carries nothing more.`,
      );
    }
    return {
      ok: true,
      response: {
        success: false,
        protocolId,
        extendedProtocol,
        resultCode: view.getUint32(offset, true),
        callId: view.getUint32(offset + 4, true),
      },
    };
  }
  if (total < offset + 8) return problem(bytes, 'The success frame ends before its call id and method id (8 bytes).');
  return {
    ok: true,
    response: {
      success: true,
      protocolId,
      extendedProtocol,
      callId: view.getUint32(offset, true),
      methodId: (view.getUint32(offset + 4, true) & ~RESPONSE_METHOD_FLAG) >>> 0,
      body: bytes.subarray(offset + 8),
    },
  };
}

/** The uint32 at the start of a body, for methods that return a result first; undefined when too short. */
export function readLeadingResult(body: Uint8Array): number | undefined {
  if (body.byteLength < 4) return undefined;
  return new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
}

/**
 * Methods whose success body starts with a result code (`%retval%`), by protocol id: Ticket
 * Granting (10) Login, LoginEx and RequestTicket, and Secure Connection (11) Register and
 * RegisterEx (kinnay/NintendoClients nintendo/nex/authentication.py and secure.py). Method 6 of
 * protocol 10 is left out: it is LoginWithContext (result first) on older titles, but
 * ValidateAndRequestTicketWithParam (a structure, no result) on Switch.
 */
const LEADING_RESULT_METHODS: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  [10, new Set([1, 2, 3])],
  [11, new Set([1, 4])],
]);

/** True for a method known to return a result code first, which may report failure inside a successful call. */
export function leadsWithResult(protocolId: number, methodId: number): boolean {
  return LEADING_RESULT_METHODS.get(protocolId)?.has(methodId) ?? false;
}
