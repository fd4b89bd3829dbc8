import { REDACTED } from '../../core/redact.ts';

// Each pattern is a fixed prefix followed by one bounded character class: linear, no backtracking.
/** `USR 20 TWN S t=...&p=...`, `USR 20 SSO S <ticket> <response>`, `USR 20 MD5 S <hash>`: the rest of the line is a credential. */
const USR_CREDENTIALS = /\b(USR {1,4}\d{1,10} {1,4}(?:TWN|SSO|MD5|SHA) {1,4}S {1,4})[^\r\n]{1,8192}/gi;
/** A Passport ticket on its own: `t=<ticket>&p=<profile>`. */
const PASSPORT_TICKET = /(^|[\s,;"'])t=[^\s&"']{1,8192}(?:&p=[^\s&"']{0,8192})?/g;
/** Passport cookies as MSNP payloads and headers carry them. */
const PASSPORT_COOKIE = /\b(MSP(?:Auth|Prof|Pre|Sec|Clr|Cid|Tix) {0,4}[:=] {0,4})[^\s;&"']{1,8192}/gi;

/** Masks the credentials an MSNP line or payload can carry: Passport tickets, sign-in responses, cookies. */
export function redactMsnp(text: string): string {
  return text
    .replace(USR_CREDENTIALS, `$1${REDACTED}`)
    .replace(PASSPORT_TICKET, `$1t=${REDACTED}`)
    .replace(PASSPORT_COOKIE, `$1${REDACTED}`);
}
