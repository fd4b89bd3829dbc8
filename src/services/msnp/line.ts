/**
 * MSNP command lines. Errors are `<3-digit code> <TrID>\r\n`, from MSNP13 optionally with a
 * payload length (`<code> <TrID> <len>\r\n<payload>`); `OUT [reason]` ends the session, and
 * `VER <TrID> 0` refuses every dialect the client offered. Commands that carry a payload give its
 * length in bytes as their last parameter (payload-commands.ts lists them).
 * (libpurple msn/command.c, notification.c; Escargot front/msn/msnp.py, msnp_ns.py)
 */
import { dialectOf } from './context.ts';
import { carriesPayload } from './payload-commands.ts';

/** What one MSNP line says. */
export type MsnpLine =
  /** An error: the 3-digit code, the TrID of the command it answers, and a payload length if any. */
  | {
      /** An error line. */
      readonly kind: 'error';
      /** The 3-digit error code, '911'. */
      readonly code: string;
      /** The TrID of the command it answers. */
      readonly trid?: string;
      /** The length of the payload that follows the line, in bytes. */
      readonly payloadLength?: number;
    }
  /** The server ends the session: `OUT SSD` (shutting down), `OUT OTH` (signed in elsewhere) or no reason. */
  | {
      /** An OUT line. */
      readonly kind: 'out';
      /** 'SSD', 'OTH', or absent. */
      readonly reason?: string;
    }
  /** `VER <TrID> 0`: the server speaks none of the dialects the client offered, so the client is too old or too new for it. */
  | {
      /** `VER <TrID> 0`. */
      readonly kind: 'no-common-dialect';
      /** The TrID of the VER it answers. */
      readonly trid?: string;
    }
  /** Any other command. Its parameters are left out on purpose: some carry tickets or passwords. */
  | {
      /** Any other command. */
      readonly kind: 'command';
      /** The command, 'USR'. */
      readonly command: string;
      /** Its TrID. */
      readonly trid?: string;
      /** The length of the payload that follows the line, in bytes. */
      readonly payloadLength?: number;
    }
  /** A blank line. */
  | {
      /** A blank line. */
      readonly kind: 'empty';
    }
  /** Not an MSNP line. */
  | {
      /** Not an MSNP line. */
      readonly kind: 'invalid';
      /** Why it is not one. */
      readonly reason: string;
    };

/** How to read MSNP lines. */
export interface MsnpLineOptions {
  /**
   * The dialect the session speaks (18 for MSNP18): only the commands that carry a payload in it
   * have their payload stepped over. Left out, every dialect's payload commands count.
   */
  readonly dialect?: number | undefined;
}

/** Longest line read; MSNP lines are short, and a longer run without a newline is not a line. */
export const MAX_LINE_CHARS = 16_384;
const MAX_PARAMS = 64;
const DIGITS = /^\d{1,10}$/;
const ERROR_CODE = /^\d{3}$/;
const COMMAND = /^[A-Z]{2,3}$/;
// libpurple compares the reason ignoring case (g_ascii_strcasecmp): `OUT ssd` is `OUT SSD`.
const OUT_REASON = /^[A-Za-z]{3}$/;

function number(token: string | undefined): number | undefined {
  return token !== undefined && DIGITS.test(token) ? Number(token) : undefined;
}

/** Reads one line that has no line break in it. */
export function readLine(line: string, dialect?: number): MsnpLine {
  if (line.length > MAX_LINE_CHARS) return { kind: 'invalid', reason: `The line is longer than ${MAX_LINE_CHARS} characters.` };
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return { kind: 'empty' };
  const tokens = text.split(' ', MAX_PARAMS).filter((token) => token !== '');
  const [head = '', second, third] = tokens;
  if (ERROR_CODE.test(head)) {
    const trid = second !== undefined && DIGITS.test(second) ? second : undefined;
    const payloadLength = trid === undefined ? undefined : number(third);
    return { kind: 'error', code: head, ...(trid === undefined ? {} : { trid }), ...(payloadLength === undefined ? {} : { payloadLength }) };
  }
  // OUT is read in any case, its reason too: a session's last line is what a caller most often types in by hand.
  const command = /^out$/i.test(head) ? 'OUT' : head;
  if (!COMMAND.test(command)) return { kind: 'invalid', reason: 'The line does not start with a command or a 3-digit error code.' };
  if (command === 'OUT') {
    if (second === undefined) return { kind: 'out' };
    return OUT_REASON.test(second) ? { kind: 'out', reason: second.toUpperCase() } : { kind: 'invalid', reason: 'OUT is followed by something other than a reason such as SSD or OTH.' };
  }
  const trid = second !== undefined && DIGITS.test(second) ? second : undefined;
  // Escargot answers VER with a lone 0 when it shares no dialect with the client, then hangs up.
  if (command === 'VER' && trid !== undefined && tokens.length === 3 && third === '0') return { kind: 'no-common-dialect', trid };
  const payloadLength = carriesPayload(command, tokens.length - 1, dialect) ? number(tokens.at(-1)) : undefined;
  return { kind: 'command', command, ...(trid === undefined ? {} : { trid }), ...(payloadLength === undefined ? {} : { payloadLength }) };
}

/**
 * Reads the first line of a piece of MSNP text, with or without its `\r\n`: an error line
 * (`'911 20\r\n'`, `'241 14 120\r\n<ml>...'`), `OUT` with its reason, another command, or why
 * it is none of those. Never throws.
 * @example parseMsnpLine('911 20\r\n') // { kind: 'error', code: '911', trid: '20' }
 */
export function parseMsnpLine(text: string, options: MsnpLineOptions = {}): MsnpLine {
  if (typeof text !== 'string') return { kind: 'invalid', reason: 'The value is not text.' };
  const head = text.slice(0, MAX_LINE_CHARS + 2);
  const end = head.indexOf('\n');
  return readLine(end === -1 ? head : head.slice(0, end), dialectOf(options));
}

/** The first failure in a chunk of MSNP traffic: an error line, OUT or VER refusing, with what followed it. */
export interface MsnpFailure {
  readonly line: Extract<MsnpLine, { kind: 'error' | 'out' | 'no-common-dialect' }>;
  /** The line as received, without its line break. */
  readonly text: string;
  /** The error's payload (MSNP13+), decoded, when the line announced one. */
  readonly payload?: string;
  /** True when the chunk ended before the announced payload did. */
  readonly payloadTruncated?: boolean;
}

export interface MsnpChunkReading {
  readonly failure?: MsnpFailure;
  readonly lines: number;
  /** Why the first line that was not MSNP was not, when there was one. */
  readonly invalid?: string;
}

/** Most lines read from one chunk before giving up. */
const MAX_LINES = 512;
/** Most payload bytes kept in an error's details. */
const MAX_PAYLOAD_KEPT = 2048;
const NEWLINE = 0x0a;

/**
 * Finds the first error line or OUT in a chunk of bytes, stepping over the payloads that
 * commands and errors announce (in bytes, as the protocol counts them), so that payload text
 * is never mistaken for a line.
 */
export function findMsnpFailure(bytes: Uint8Array, dialect?: number): MsnpChunkReading {
  const decoder = new TextDecoder('utf-8');
  let position = 0;
  let lines = 0;
  let invalid: string | undefined;
  while (position < bytes.byteLength && lines < MAX_LINES) {
    const newline = bytes.indexOf(NEWLINE, position);
    const end = newline === -1 ? bytes.byteLength : newline;
    if (end - position > MAX_LINE_CHARS * 4) {
      invalid ??= `A line is longer than ${MAX_LINE_CHARS} characters.`;
      break;
    }
    const text = decoder.decode(bytes.subarray(position, end));
    const line = readLine(text, dialect);
    lines += 1;
    let next = newline === -1 ? bytes.byteLength : newline + 1;
    if (line.kind === 'error' || line.kind === 'out' || line.kind === 'no-common-dialect') {
      const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (line.kind !== 'error' || line.payloadLength === undefined || line.payloadLength === 0) return { failure: { line, text: clean }, lines, ...(invalid === undefined ? {} : { invalid }) };
      const available = bytes.byteLength - next;
      const payload = decoder.decode(bytes.subarray(next, next + Math.min(line.payloadLength, available, MAX_PAYLOAD_KEPT)));
      return {
        failure: { line, text: clean, payload, ...(line.payloadLength > available ? { payloadTruncated: true } : {}) },
        lines,
        ...(invalid === undefined ? {} : { invalid }),
      };
    }
    if (line.kind === 'invalid') invalid ??= line.reason;
    if (line.kind === 'command' && line.payloadLength !== undefined) next += line.payloadLength;
    position = next;
  }
  return { lines, ...(invalid === undefined ? {} : { invalid }) };
}
