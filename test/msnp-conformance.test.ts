/**
 * MSNP as the public clients and the Escargot server speak it: payload commands of every dialect,
 * VER refusing, OUT in any case, 911 where it means a stale ticket, and the SOAP fault families.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.ts';
import { lookup } from '../src/catalog/index.ts';
import { readPayloadTable, readProtoTables } from '../catalog/proto-sources.ts';
import { classifyMsnp, lookupMsnp, MSNP_PAYLOAD_COMMANDS, parseMsnpLine, withMsnpRetry } from '../src/services/msnp/index.ts';

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).byteLength;

/** Payload text that reads like MSNP lines, with a character of two bytes so that lengths count bytes. */
const DECOY = 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n200 points in round two\r\n911 7\r\nOUT SSD\r\nVER 3 0\r\nüber';

/** A command line as a source shows it, its last parameter replaced with the payload's length in bytes. */
function payloadLine(example: string, payload: string): string {
  const params = example.split(' ').slice(0, -1);
  return `${params.join(' ')} ${byteLength(payload)}\r\n`;
}

const payloadCommands = readPayloadTable().rows;

describe('MSNP payload commands: payload text is never read as a line', () => {
  it('the adapter steps over every command the sources read a payload after', () => {
    expect([...MSNP_PAYLOAD_COMMANDS.keys()].sort()).toEqual(payloadCommands.map((row) => row.command).sort());
    for (const name of ['SDG', 'NFY', 'PUT', 'DEL', 'GET', 'MSG', 'GCF', 'UBX', 'UUX', 'ADL', 'RML', 'FQY', 'NOT', 'IPG']) expect(MSNP_PAYLOAD_COMMANDS.has(name), name).toBe(true);
  });

  describe.each(payloadCommands.map((row) => [row.command, row] as const))('%s', (_command, row) => {
    const head = payloadLine(row.example, DECOY);

    it('with a payload that looks like error lines, and nothing after it: no error', () => {
      const error = classifyMsnp(head + DECOY);
      expect(error.code).toBe('UNKNOWN');
      expect(error.description).toMatch(/No error line or OUT/);
    });

    it('an error line glued right after the payload keeps its code and TrID', () => {
      const error = classifyMsnp(`${head}${DECOY}911 20\r\n`);
      expect(error).toMatchObject({ code: '911', category: 'unauthenticated' });
      expect(error.details).toMatchObject({ trid: '20', line: '911 20' });
    });

    it('as bytes, after another command and in the dialect that has it', () => {
      const chunk = encoder.encode(`CHG 11 NLN 0\r\n${head}${DECOY}\r\n601 21\r\n`);
      expect(classifyMsnp(chunk).details).toMatchObject({ trid: '21' });
      expect(classifyMsnp(chunk, { dialect: row.since }).code).toBe('601');
      expect(classifyMsnp(chunk, { dialect: 18 }).code).toBe('601');
    });

    it('parseMsnpLine gives the payload length in bytes', () => {
      expect(parseMsnpLine(head)).toMatchObject({ kind: 'command', command: row.command, payloadLength: byteLength(DECOY) });
    });
  });

  it.each(payloadCommands.filter((row) => row.since > 2).map((row) => [row.command, row] as const))(
    '%s carries no payload in a dialect older than the one that has it',
    (_command, row) => {
      const chunk = `${payloadLine(row.example, '200 points in round two\r\n')}200 points in round two\r\n`;
      expect(classifyMsnp(chunk, { dialect: row.since }).code).toBe('UNKNOWN');
      expect(classifyMsnp(chunk, { dialect: row.since - 1 }).code).toBe('200');
      expect(parseMsnpLine(chunk, { dialect: row.since - 1 })).not.toHaveProperty('payloadLength');
    },
  );

  it('the answers that carry no payload are not read as having one', () => {
    expect(parseMsnpLine('QRY 12\r\n')).toEqual({ kind: 'command', command: 'QRY', trid: '12' });
    expect(parseMsnpLine('ADL 12 OK\r\n')).toEqual({ kind: 'command', command: 'ADL', trid: '12' });
    expect(parseMsnpLine('PUT 12 OK 0\r\n')).toEqual({ kind: 'command', command: 'PUT', trid: '12', payloadLength: 0 });
    expect(classifyMsnp('QRY 12\r\n911 13\r\n').details).toMatchObject({ trid: '13' });
  });

  it('an MSNP18 exchange as Escargot sends it: NFY PUT, SDG and an error after them', () => {
    const presence = '<user><s n="IM"><Status>NLN</Status></s></user>';
    const nfy = `Routing: 1.0\r\nTo: 1:alice@example.com\r\nFrom: 1:bob@example.com\r\n\r\nReliability: 1.0\r\n\r\nNotification: 1.0\r\nContent-Type: application/user+xml\r\nContent-Length: ${byteLength(presence)}\r\n\r\n${presence}`;
    const text = 'Routing: 1.0\r\nTo: 9:00000000-0000-0000-0009-000000000001@live.com\r\n\r\nMessaging: 2.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n500 points in round two';
    const chunk = `NFY PUT ${byteLength(nfy)}\r\n${nfy}SDG 0 ${byteLength(text)}\r\n${text}933 18\r\n`;
    expect(classifyMsnp(chunk)).toMatchObject({ code: '933', codeName: 'InvalidCircleMembership', details: { trid: '18' } });
  });
});

describe('MSNP: VER refusing every dialect', () => {
  it.each([
    ['a line', 'VER 1 0\r\n'],
    ['bytes', encoder.encode('VER 1 0\r\n')],
    ['after the connection opened', 'CVR 0 8.5.1288 8.5.1288 8.1.0178\r\nVER 1 0\r\n'],
  ])('VER <trid> 0 as %s is outdated-client, never retried', (_form, raw) => {
    const error = classifyMsnp(raw);
    expect(error).toMatchObject({ code: 'VER 0', category: 'outdated-client', retry: 'never', details: { trid: '1', line: 'VER 1 0' } });
    expect(error.description).toBe(lookupMsnp('VER 0')?.description);
  });

  it('a VER that names a dialect is no failure', () => {
    expect(parseMsnpLine('VER 1 MSNP18 CVR0\r\n')).toEqual({ kind: 'command', command: 'VER', trid: '1' });
    expect(parseMsnpLine('VER 1 0\r\n')).toEqual({ kind: 'no-common-dialect', trid: '1' });
    expect(classifyMsnp('VER 1 MSNP18 CVR0\r\n').code).toBe('UNKNOWN');
  });
});

describe('MSNP: a byte-order mark before a line', () => {
  it.each([
    ['text', '\uFEFF911 20\r\n'],
    ['bytes', new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('911 20\r\n')])],
  ])('as %s is read like the line without it', (_form, raw) => {
    expect(classifyMsnp(raw)).toMatchObject({ code: '911', details: { trid: '20', line: '911 20' } });
  });
});

describe('MSNP: OUT reasons in any case', () => {
  it.each([
    ['OUT ssd', 'OUT SSD', 'maintenance'],
    ['OUT Ssd', 'OUT SSD', 'maintenance'],
    ['OUT oth', 'OUT OTH', 'conflict'],
    ['out ssd', 'OUT SSD', 'maintenance'],
    ['Out Oth', 'OUT OTH', 'conflict'],
  ])('%s is %s', (line, code, category) => {
    expect(classifyMsnp(`${line}\r\n`)).toMatchObject({ code, category });
    expect(parseMsnpLine(line)).toEqual({ kind: 'out', reason: code.slice(4) });
  });

  it('a lowercase out without a reason ends the session too, and other lowercase words stay text', () => {
    expect(parseMsnpLine('out')).toEqual({ kind: 'out' });
    expect(parseMsnpLine('msg 1 N 5').kind).toBe('invalid');
  });
});

describe('MSNP: a 911 where it rejects a ticket', () => {
  const notification = lookupMsnp('911');

  it.each([
    ['on a switchboard', { connection: 'switchboard' as const }, 'switchboard'],
    ['answering ANS (a switchboard-only command)', { command: 'ANS' }, 'switchboard'],
    ['answering cal', { command: 'cal' }, 'switchboard'],
    // A caller without types may spell the connection in capitals.
    ['on a SWITCHBOARD, so spelt', { connection: ' SWITCHBOARD' as 'switchboard' }, 'switchboard'],
    ['after Passport accepted the sign-in', { passportAccepted: true }, 'passport-accepted'],
  ])('%s is a stale ticket: token-expired, renewed once', (_where, context, reason) => {
    const error = classifyMsnp('911 20\r\n', context);
    expect(error).toMatchObject({ code: '911', codeName: 'ERR_AUTHENTICATION_FAILED', category: 'token-expired', retry: 'refresh' });
    expect(error.details).toMatchObject({ trid: '20', staleTicket: reason });
    expect(error.description).not.toBe(notification?.description);
    expect(classify('msnp', '911 20\r\n', context).toJSON()).toEqual(error.toJSON());
  });

  it.each([
    ['without a context', undefined],
    ['on the notification server', { connection: 'notification' as const }],
    ['answering USR before Passport answered', { command: 'USR', passportAccepted: false }],
  ])('%s is a wrong password: unauthenticated', (_where, context) => {
    expect(classifyMsnp('911 20\r\n', context)).toMatchObject({ category: 'unauthenticated', retry: 'never', description: notification?.description });
  });

  it('changes no other code', () => {
    expect(classifyMsnp('500 20\r\n', { connection: 'switchboard' })).toMatchObject({ category: 'unavailable' });
    expect(classifyMsnp('928 20\r\n', { connection: 'switchboard' })).toMatchObject({ category: 'token-expired', description: lookupMsnp('928')?.description });
  });

  it('withMsnpRetry reads a switchboard\'s 911 as stale: one renewal, then the answer', async () => {
    const tickets: string[] = [];
    let renewed = 0;
    const result = await withMsnpRetry(
      ({ token }) => {
        tickets.push(token ?? '');
        return tickets.length === 1 ? Promise.reject(new Error('911 4\r\n')) : Promise.resolve(`USR 4 OK alice@example.com Alice`);
      },
      {
        context: { connection: 'switchboard' },
        auth: { getToken: () => 'sb-ticket-1', refreshToken: () => Promise.resolve(`sb-ticket-${String(++renewed + 1)}`) },
      },
    );
    expect(result._unsafeUnwrap()).toBe('USR 4 OK alice@example.com Alice');
    expect(tickets).toEqual(['sb-ticket-1', 'sb-ticket-2']);
  });

  it('withMsnpRetry without a context reports the 911 at once', async () => {
    let calls = 0;
    const result = await withMsnpRetry(() => {
      calls += 1;
      return Promise.reject(new Error('911 4\r\n'));
    }, { auth: { getToken: () => 't', refreshToken: () => Promise.resolve('u') } });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: '911', category: 'unauthenticated' });
    expect(calls).toBe(1);
  });
});

/** A SOAP 1.1 fault in the shape the Escargot templates and the MSN services use. */
function soap11(fault: string, header = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  ${header === '' ? '' : `<soap:Header>${header}</soap:Header>`}
  <soap:Body>
    <soap:Fault>${fault}</soap:Fault>
  </soap:Body>
</soap:Envelope>`;
}

const OIM_NS = 'http://messenger.live.com/ws/2006/09/oim/';
const AB_NS = 'http://www.msn.com/webservices/AddressBook';

/** Passport's header with the request's status, as an RST answer carries it. */
const PP = (reqstatus: string, authstate = '0x80048800'): string =>
  `<psf:pp xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"><psf:serverVersion>1</psf:serverVersion><psf:authstate>${authstate}</psf:authstate><psf:reqstatus>${reqstatus}</psf:reqstatus><psf:cookies/></psf:pp>`;

const abFault = (errorcode: string, text: string): string =>
  soap11(`<faultcode>soap:Client</faultcode><faultstring>${text}</faultstring><faultactor>${AB_NS}/ABFindContactsPaged</faultactor>
      <detail><errorcode xmlns="${AB_NS}">${errorcode}</errorcode><errorstring xmlns="${AB_NS}">${text}</errorstring><machineName xmlns="${AB_NS}">AB-TEST-01</machineName></detail>`);

describe('MSNP SOAP faults: each family as a whole document', () => {
  it('Passport: a wrong password sent as wsse:FailedAuthentication with a lockout status in the header', () => {
    const error = classifyMsnp(soap11('<faultcode>wsse:FailedAuthentication</faultcode><faultstring>Authentication Failure</faultstring>', PP('0x80048823')));
    expect(error).toMatchObject({ code: 'psf:FailedAuthentication', category: 'unauthenticated', retry: 'never' });
    // The header's status is a fact of the answer, not what decides it: 0x80048823 would say locked out.
    expect(error.details).toMatchObject({ reqStatus: '0x80048823', authState: '0x80048800', faultCode: 'wsse:FailedAuthentication' });
    expect(lookupMsnp('0x80048823')?.category).toBe('account-restricted');
  });

  it('Passport: psf:Redirect keeps the address to resend to', () => {
    const url = 'https://msnia.login.live.com/pp550/RST.srf';
    const error = classifyMsnp(
      `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"><S:Body><S:Fault><faultcode>psf:Redirect</faultcode><psf:redirectUrl>${url}</psf:redirectUrl><faultstring>Authentication Failure</faultstring></S:Fault></S:Body></S:Envelope>`,
    );
    expect(error).toMatchObject({ code: 'psf:Redirect', category: 'unsupported', retry: 'never', details: { redirectUrl: url } });
  });

  it('Passport: a redirect wins over an HRESULT beside it', () => {
    const error = classifyMsnp(soap11('<faultcode>psf:Redirect</faultcode><psf:redirectUrl>https://example.test/RST.srf</psf:redirectUrl><detail><psf:error><psf:value>0x80048821</psf:value></psf:error></detail>'));
    expect(error.code).toBe('psf:Redirect');
  });

  it('offline messages: AuthenticationFailed with a LockKeyChallenge is renewed and resent', () => {
    const error = classifyMsnp(
      soap11(`<faultcode xmlns:q0="${OIM_NS}">q0:AuthenticationFailed</faultcode><faultstring>Exception of type 'System.Web.Services.Protocols.SoapException' was thrown.</faultstring><faultactor>https://ows.messenger.msn.com/OimWS/oim.asmx</faultactor>
        <detail><TweenerChallenge xmlns="${OIM_NS}">ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1</TweenerChallenge><LockKeyChallenge xmlns="${OIM_NS}">7236498128</LockKeyChallenge></detail>`),
    );
    expect(error).toMatchObject({ code: 'oim:AuthenticationFailed', category: 'token-expired', retry: 'refresh' });
    expect(error.details).toMatchObject({ lockKeyChallenge: '7236498128', tweenerChallenge: 'ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1' });
  });

  it.each([
    ['SenderThrottleLimitExceeded', 'rate-limited', 'wait'],
    ['InvalidContent', 'invalid-request', 'never'],
    ['SystemUnavailable', 'forbidden', 'never'],
  ])('offline messages: %s is %s', (name, category, retry) => {
    const error = classifyMsnp(soap11(`<faultcode xmlns:q0="${OIM_NS}">q0:${name}</faultcode><faultstring>Exception of type 'System.Web.Services.Protocols.SoapException' was thrown.</faultstring><detail/>`, `<Machine xmlns="${OIM_NS}" name="OIM-TEST" ver="1.0"/>`));
    expect(error).toMatchObject({ code: `oim:${name}`, category, retry });
  });

  it('address book: FullSyncRequired keeps its errorcode, and is read afresh rather than retried', () => {
    const error = classifyMsnp(abFault('FullSyncRequired', 'Full sync required.  Details: Delta syncs disabled.'));
    expect(error).toMatchObject({ code: 'ab:FullSyncRequired', category: 'conflict', retry: 'never' });
    expect(error.details).toMatchObject({ errorCode: 'FullSyncRequired', errorString: 'Full sync required.  Details: Delta syncs disabled.', faultCode: 'soap:Client' });
  });

  it('address book: BadContextToken is renewed and retried', () => {
    const error = classifyMsnp(soap11(`<faultcode xmlns:q0="${AB_NS}">q0:BadContextToken</faultcode><faultstring>Auth token is expired</faultstring><detail><errorcode xmlns="${AB_NS}">BadContextToken</errorcode></detail>`));
    expect(error).toMatchObject({ code: 'ab:BadContextToken', category: 'token-expired', retry: 'refresh' });
  });

  it.each([
    ['ContactAlreadyExists', 'conflict'],
    ['ContactDoesNotExist', 'not-found'],
    ['GroupAlreadyExists', 'conflict'],
    ['BadArgumentLength', 'invalid-request'],
    ['InvalidPassportUser', 'not-found'],
    ['MemberDoesNotExist', 'not-found'],
  ])('address book: %s is %s', (errorcode, category) => {
    expect(classifyMsnp(abFault(errorcode, 'The request failed.'))).toMatchObject({ code: `ab:${errorcode}`, category });
  });

  it('an address-book errorcode the catalog lacks falls back to the SOAP fault code, kept', () => {
    const error = classifyMsnp(abFault('SomethingNew', 'Something new went wrong.'));
    expect(error).toMatchObject({ code: 'UNKNOWN', category: 'invalid-request', details: { errorCode: 'SomethingNew' } });
  });

  it('an unknown psf:value does not erase what the fault code says', () => {
    const fault = (value: string, subcode: string): string =>
      `<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><S:Fault><S:Code><S:Value>S:Sender</S:Value><S:Subcode><S:Value>${subcode}</S:Value></S:Subcode></S:Code><S:Reason><S:Text>Authentication Failure</S:Text></S:Reason><S:Detail><psf:error><psf:value>${value}</psf:value></psf:error></S:Detail></S:Fault></S:Body></S:Envelope>`;
    // A catalogued fault code names the error; the unknown value stays in the details.
    expect(classifyMsnp(fault('0x8004889a', 'wst:FailedAuthentication'))).toMatchObject({
      code: 'psf:FailedAuthentication',
      category: 'unauthenticated',
      details: { value: '0x8004889a', faultCode: 'wst:FailedAuthentication' },
    });
    // A fault code the catalog lacks still gives its category to the unknown HRESULT.
    expect(classifyMsnp(fault('0x8004889a', 'wst:ExpiredData'))).toMatchObject({ code: '0x8004889a', category: 'token-expired', details: { faultCode: 'wst:ExpiredData' } });
    expect(classifyMsnp(fault('0x8004889a', 'S:Receiver'))).toMatchObject({ code: '0x8004889a', category: 'server-error' });
    // A value the catalog knows decides, whatever the fault code says.
    expect(classifyMsnp(fault('0x80048821', 'wst:ExpiredData'))).toMatchObject({ code: '0x80048821', category: 'unauthenticated' });
  });

  it.each([
    ['bytes with a UTF-8 byte-order mark', (doc: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(doc)])],
    ['text starting with a byte-order mark', (doc: string) => `\uFEFF${doc}`],
    ['bytes with a byte-order mark and a blank line', (doc: string) => new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a, ...encoder.encode(doc)])],
  ])('a document given as %s is read like one without', (_form, wrap) => {
    const document = abFault('FullSyncRequired', 'Full sync required.');
    expect(classifyMsnp(wrap(document)).toJSON()).toEqual(classifyMsnp(document).toJSON());
    expect(classifyMsnp(wrap(document)).code).toBe('ab:FullSyncRequired');
  });
});

/** A document carrying one fault word where the source says it sits. */
function documentFor(element: string, sent: string): string | undefined {
  switch (element) {
    case 'faultcode':
      return soap11(`<faultcode>${sent}</faultcode><faultstring>failed</faultstring>`);
    case 'Subcode/Value':
      return `<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><S:Fault><S:Code><S:Value>S:Sender</S:Value><S:Subcode><S:Value>${sent}</S:Value></S:Subcode></S:Code></S:Fault></S:Body></S:Envelope>`;
    case 'detail/errorcode':
      return abFault(sent, 'failed');
    case 'psf:value':
      return soap11(`<faultcode>wsse:FailedAuthentication</faultcode><detail><psf:error><psf:value>${sent}</psf:value></psf:error></detail>`);
    default:
      // The header's psf:pp status is kept but decides nothing.
      return undefined;
  }
}

const faultTables = readProtoTables().filter((table) => table.file.endsWith('-soap-faults'));

describe.each(faultTables.map((table) => [table.file, table] as const))('MSNP SOAP faults of %s', (_file, table) => {
  it.each(table.rows.map((row) => [`${row.sent ?? ''} (${row.code})`, row] as const))('%s classifies to its catalog code', (_label, row) => {
    const document = documentFor(row.element ?? '', row.sent ?? '');
    if (document === undefined) {
      expect(lookup('msnp', row.code)?.code).toBe(row.code);
      return;
    }
    expect(classifyMsnp(document).code).toBe(row.code);
  });
});
