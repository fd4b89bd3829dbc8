/**
 * SOAP faults of the MSN web services: Passport (RST), offline messages (OIM) and the address
 * book (ABCH). Passport's `S:Fault/S:Detail/psf:error/psf:value` holds the PPCRL HRESULT,
 * `psf:internalerror/psf:code` and `psf:text` the server's own reason, `psf:redirectUrl` where to
 * resend (psf:Redirect), and the header's `psf:pp` the request's status (`reqstatus`, `authstate`).
 * The SOAP fault code (`faultcode` in SOAP 1.1, `Code/Value` and `Subcode/Value` in SOAP 1.2) names
 * the failure: `q0:AuthenticationFailed`, `q0:SenderThrottleLimitExceeded` (OIM),
 * `q0:BadContextToken`; the address book's `detail/errorcode` names it more exactly
 * (`FullSyncRequired`). (libpurple msn/soap.c, oim.c, contact.c; Escargot front/msn/tmpl; papyon)
 *
 * Read with one forward pass over the tags (indexOf only, no regular expressions), so any
 * document costs time linear in its length; namespace prefixes are ignored, whatever they are.
 */

/** What a SOAP fault says; every field is as sent, trimmed. */
export interface MsnSoapFault {
  /** `psf:error/psf:value`: the PPCRL HRESULT, '0x80048821'. */
  readonly value?: string;
  /** `psf:internalerror/psf:code`. */
  readonly internalCode?: string;
  /** `psf:internalerror/psf:text`. */
  readonly internalText?: string;
  /** The most specific SOAP fault code: the 1.2 subcode, else the code, else the 1.1 faultcode. */
  readonly faultCode?: string;
  /** `faultstring` or `Reason/Text`. */
  readonly reason?: string;
  /** `faultactor`: the service that failed. */
  readonly faultActor?: string;
  /** `psf:redirectUrl`: where a psf:Redirect sends the request instead. */
  readonly redirectUrl?: string;
  /** The address book's `detail/errorcode` ('FullSyncRequired') and `detail/errorstring`. */
  readonly errorCode?: string;
  readonly errorString?: string;
  /** OIM: `detail/LockKeyChallenge`, the challenge a new lock key answers. */
  readonly lockKeyChallenge?: string;
  /** OIM: `detail/TweenerChallenge` and `detail/RequiredAuthPolicy`, the ticket policy to renew with. */
  readonly tweenerChallenge?: string;
  readonly requiredAuthPolicy?: string;
  /** Passport: the header's `psf:pp/psf:reqstatus` and `psf:authstate`, as sent. */
  readonly reqStatus?: string;
  readonly authState?: string;
}

/** Longest document read. */
export const MAX_DOCUMENT_CHARS = 262_144;
const MAX_TEXT_CHARS = 1024;
const MAX_DEPTH = 64;

type Field = Exclude<keyof MsnSoapFault, 'faultCode'>;

/** Fields read wherever they sit under the named parent (or, without one, anywhere in the fault). */
const FAULT_FIELDS: readonly (readonly [string, string | undefined, Field])[] = [
  ['value', 'error', 'value'],
  ['code', 'internalerror', 'internalCode'],
  ['text', 'internalerror', 'internalText'],
  ['faultstring', undefined, 'reason'],
  ['Text', 'Reason', 'reason'],
  ['faultactor', undefined, 'faultActor'],
  ['redirectUrl', undefined, 'redirectUrl'],
  ['errorcode', undefined, 'errorCode'],
  ['errorstring', undefined, 'errorString'],
  ['LockKeyChallenge', undefined, 'lockKeyChallenge'],
  ['TweenerChallenge', undefined, 'tweenerChallenge'],
  ['RequiredAuthPolicy', undefined, 'requiredAuthPolicy'],
];

/** The header's Passport status, read outside the fault. */
const HEADER_FIELDS: readonly (readonly [string, Field])[] = [
  ['reqstatus', 'reqStatus'],
  ['authstate', 'authState'],
];

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const point = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function localName(tag: string): string {
  let end = 0;
  while (end < tag.length && end < 256) {
    const char = tag.charCodeAt(end);
    // whitespace, '/' and '>' end a tag name
    if (char <= 0x20 || char === 0x2f || char === 0x3e) break;
    end += 1;
  }
  const name = tag.slice(0, end);
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Where a reader may skip to after `<` for markup that is not an element. */
function skipMarkup(doc: string, at: number): number | undefined {
  if (doc.startsWith('<!--', at)) return closeAfter(doc, '-->', at + 4);
  if (doc.startsWith('<![CDATA[', at)) return closeAfter(doc, ']]>', at + 9);
  if (doc.startsWith('<?', at) || doc.startsWith('<!', at)) return closeAfter(doc, '>', at + 2);
  return undefined;
}

function closeAfter(doc: string, marker: string, from: number): number {
  const found = doc.indexOf(marker, from);
  return found === -1 ? doc.length : found + marker.length;
}

/**
 * The fault in a SOAP document, or undefined when the document has no Fault element (a
 * successful answer, or not SOAP at all). Never throws.
 */
export function readSoapFault(document: string): MsnSoapFault | undefined {
  const doc = document.slice(0, MAX_DOCUMENT_CHARS);
  const stack: string[] = [];
  const found: { -readonly [K in keyof MsnSoapFault]: MsnSoapFault[K] } = {};
  let code: string | undefined;
  let subcode: string | undefined;
  let inFault = false;
  let sawFault = false;
  let position = 0;
  while (position < doc.length) {
    const open = doc.indexOf('<', position);
    if (open === -1) break;
    const skipped = skipMarkup(doc, open);
    if (skipped !== undefined) {
      position = skipped;
      continue;
    }
    const close = doc.indexOf('>', open);
    if (close === -1) break;
    position = close + 1;
    const tag = doc.slice(open + 1, Math.min(close, open + 1 + 512));
    if (tag.startsWith('/')) {
      const name = localName(tag.slice(1));
      const at = stack.lastIndexOf(name);
      if (at !== -1) stack.length = at;
      if (name === 'Fault' && !stack.includes('Fault')) inFault = false;
      continue;
    }
    const name = localName(tag);
    if (name === '') continue;
    const parent = stack.at(-1);
    if (name === 'Fault') {
      inFault = true;
      sawFault = true;
    }
    if (!tag.endsWith('/') && stack.length < MAX_DEPTH) stack.push(name);
    const next = doc.indexOf('<', position);
    const text = (): string => decodeEntities(doc.slice(position, Math.min(next === -1 ? doc.length : next, position + MAX_TEXT_CHARS))).trim();
    if (!inFault) {
      const header = parent === 'pp' ? HEADER_FIELDS.find(([element]) => element === name) : undefined;
      if (header !== undefined) found[header[1]] ??= text();
      continue;
    }
    if (name === 'faultcode') code ??= text();
    else if (name === 'Value' && parent === 'Code') code ??= text();
    else if (name === 'Value' && parent === 'Subcode') subcode ??= text();
    else {
      const field = FAULT_FIELDS.find(([element, under]) => element === name && (under === undefined || under === parent));
      if (field !== undefined) found[field[2]] ??= text();
    }
  }
  const faultCode = subcode ?? code;
  if (faultCode !== undefined && faultCode !== '') found.faultCode = faultCode;
  for (const key of Object.keys(found) as (keyof MsnSoapFault)[]) if (found[key] === '') Reflect.deleteProperty(found, key);
  // A fault with no readable field is still a fault; only a document with no Fault element is none.
  return sawFault ? found : undefined;
}

/** The local name of a fault code: 'q0:AuthenticationFailed' -> 'AuthenticationFailed'. */
export function faultLocalName(faultCode: string): string {
  return faultCode.slice(faultCode.lastIndexOf(':') + 1);
}
