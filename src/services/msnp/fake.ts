import { findMsnp } from './catalog.ts';

/**
 * MSN Messenger wire texts: protocol error lines, OUT, and the Passport (RST) SOAP fault.
 * Error lines follow libpurple msn/command.c and notification.c; the fault follows the
 * login.live.com RST.srf answer that MSN revival servers reproduce.
 */

const CRLF = '\r\n';

/**
 * An MSNP error line: `<code> <TrID>\r\n`, the TrID echoing the failed command's. With a
 * payload (MSNP13+ errors to ADL/RML/FQY) the line carries its length in UTF-8 bytes and the
 * payload follows: `<code> <TrID> <length>\r\n<payload>`.
 *
 * @example
 * msnpErrorLine(911, 20);                    // '911 20\r\n'
 * msnpErrorLine(241, 7, '<ml><d n="x"/></ml>'); // '241 7 19\r\n<ml><d n="x"/></ml>'
 */
export function msnpErrorLine(code: number | string, trid: number | string, payload?: string): string {
  if (payload === undefined) return `${String(code)} ${String(trid)}${CRLF}`;
  const length = new TextEncoder().encode(payload).length;
  return `${String(code)} ${String(trid)} ${String(length)}${CRLF}${payload}`;
}

/**
 * The server's OUT command, with no TrID: `OUT SSD\r\n` (server shutting down), `OUT OTH\r\n`
 * (signed in elsewhere), or a bare `OUT\r\n`.
 *
 * @example
 * msnpOut('SSD'); // 'OUT SSD\r\n'
 */
export function msnpOut(reason?: 'SSD' | 'OTH' | (string & Record<never, never>)): string {
  return reason === undefined || reason === '' ? `OUT${CRLF}` : `OUT ${reason}${CRLF}`;
}

/**
 * Options of {@link passportFault}.
 * @example
 * passportFault(0x80048821, { text: 'The entered and stored passwords do not match.', internalCode: 0x80041012 });
 */
export interface PassportFaultOptions {
  /** The fault's inner text. @default the catalog's description of the HRESULT, or 'Authentication Failure' */
  readonly text?: string | undefined;
  /** `psf:internalerror/psf:code`. @default the HRESULT itself */
  readonly internalCode?: number | string | undefined;
  /** `psf:serverInfo/@ServerTime`. @default now */
  readonly serverTime?: Date | undefined;
}

function hex(value: number | string): string {
  if (typeof value === 'number') return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
  const text = value.trim();
  return /^0x[0-9a-f]{1,8}$/i.test(text) ? hex(Number.parseInt(text.slice(2), 16)) : text;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A Passport RST SOAP fault: the PPCRL HRESULT in `psf:reqstatus` and in
 * `S:Fault/S:Detail/psf:error/psf:value`, as login.live.com answers a failed token request.
 *
 * @example
 * passportFault(0x80048821); // invalid member name or password
 */
export function passportFault(hresult: number | string, options: PassportFaultOptions = {}): string {
  const code = escapeXml(hex(hresult));
  const described = findMsnp(typeof hresult === 'number' ? hresult >>> 0 : hresult)?.description;
  const text = escapeXml(options.text ?? (described !== undefined && described.length > 0 ? described : 'Authentication Failure'));
  const internal = escapeXml(hex(options.internalCode ?? hresult));
  const time = (options.serverTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xml version="1.0" encoding="utf-8" ?>
<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:wst="http://schemas.xmlsoap.org/ws/2005/02/trust" xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault">
  <S:Header>
    <psf:pp xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault">
      <psf:serverVersion>1</psf:serverVersion>
      <psf:authstate>0x80048800</psf:authstate>
      <psf:reqstatus>${code}</psf:reqstatus>
      <psf:serverInfo Path="Live1" RollingUpgradeState="ExclusiveNew" LocVersion="0" ServerTime="${time}">extralife-testing</psf:serverInfo>
      <psf:cookies/>
      <psf:response/>
    </psf:pp>
  </S:Header>
  <S:Body>
    <S:Fault>
      <S:Code>
        <S:Value>S:Sender</S:Value>
        <S:Subcode>
          <S:Value>wst:FailedAuthentication</S:Value>
        </S:Subcode>
      </S:Code>
      <S:Reason>
        <S:Text xml:lang="en-US">Authentication Failure</S:Text>
      </S:Reason>
      <S:Detail>
        <psf:error>
          <psf:value>${code}</psf:value>
          <psf:internalerror>
            <psf:code>${internal}</psf:code>
            <psf:text>${text}</psf:text>
          </psf:internalerror>
        </psf:error>
      </S:Detail>
    </S:Fault>
  </S:Body>
</S:Envelope>
`;
}
