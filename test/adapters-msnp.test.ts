import { describe, expect, it } from 'vitest';
import { CATEGORIES, RETRY_BY_CATEGORY, type Category } from '../src/core/category.ts';
import { classifyMsnp, lookupMsnp, msnpAdapter, msnpCatalog, parseMsnpLine, type MsnpCatalogEntry } from '../src/services/msnp/index.ts';
import { CAUTION_ORDER } from '../src/services/msnp/shared-hresult.ts';

const lineCodes = msnpCatalog.filter((entry) => /^\d{3}$/.test(entry.code));
const hexCodes = msnpCatalog.filter((entry) => entry.code.startsWith('0x'));
const outCodes = msnpCatalog.filter((entry) => entry.code.startsWith('OUT '));
const faultCodes = msnpCatalog.filter((entry) => /^(psf|oim|ab):/.test(entry.code));

/** HRESULT -> the code entries the official client translates to it. */
const byHresult = new Map<string, MsnpCatalogEntry[]>();
for (const entry of lineCodes) {
  if (entry.hresult === undefined) continue;
  byHresult.set(entry.hresult, [...(byHresult.get(entry.hresult) ?? []), entry]);
}
const sharedHresults = [...byHresult].filter(([, entries]) => entries.length > 1);
const uniqueHresults = [...byHresult].filter(([hresult, entries]) => entries.length === 1 && !hexCodes.some((own) => own.code === hresult));

function expectEntry(error: ReturnType<typeof classifyMsnp>, entry: MsnpCatalogEntry): void {
  expect(error.service).toBe('msnp');
  expect(error.code).toBe(entry.code);
  expect(error.codeName).toBe(entry.name);
  expect(error.category).toBe(entry.category);
  expect(error.retry).toBe(entry.retry);
  expect(error.description).toBe(entry.description);
}

describe('MSNP adapter: every code as an error line', () => {
  it('the catalog has line codes, HRESULT rows, both OUT reasons, VER 0 and the SOAP fault codes', () => {
    expect(lineCodes.length + hexCodes.length + outCodes.length + 1 + faultCodes.length).toBe(msnpCatalog.length);
    expect(outCodes.map((entry) => entry.code).sort()).toEqual(['OUT OTH', 'OUT SSD']);
    expect(msnpCatalog.filter((entry) => entry.code === 'VER 0')).toHaveLength(1);
  });

  describe.each(lineCodes.map((entry) => [`${entry.code} ${entry.name}`, entry] as const))('%s', (_label, entry) => {
    it.each([
      ['with \\r\\n', `${entry.code} 20\r\n`],
      ['without \\r\\n', `${entry.code} 20`],
      ['with \\n only', `${entry.code} 20\n`],
      ['as bytes', new TextEncoder().encode(`${entry.code} 20\r\n`)],
      ['as a number', Number(entry.code)],
      ['as a string', entry.code],
    ])('%s', (_form, raw) => {
      const error = classifyMsnp(raw);
      expectEntry(error, entry);
      if (typeof raw !== 'number' && raw !== entry.code) expect(error.details).toMatchObject({ trid: '20' });
    });

    it('with a payload length (MSNP13+), keeping the payload apart', () => {
      const payload = '<ml l="1"><d n="example.com"><c n="alice" l="3" t="1"/></d></ml>';
      const error = classifyMsnp(`${entry.code} 14 ${payload.length}\r\n${payload}`);
      expectEntry(error, entry);
      expect(error.details).toMatchObject({ trid: '14', payloadLength: payload.length, payload });
    });

    it('after other commands in one chunk, stepping over their payloads', () => {
      const message = `MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n${entry.code} 99\r\n`;
      const chunk = `CHG 11 NLN 0\r\nMSG Hotmail Hotmail ${new TextEncoder().encode(message).length}\r\n${message}${entry.code} 12\r\n`;
      const error = classifyMsnp(chunk);
      expectEntry(error, entry);
      expect(error.details).toMatchObject({ trid: '12' });
    });
  });
});

describe('MSNP adapter: the cases the issue names', () => {
  it('911 <trid> is ERR_AUTHENTICATION_FAILED and keeps the trid', () => {
    const error = classifyMsnp('911 20\r\n');
    expect(error.code).toBe('911');
    expect(error.codeName).toBe('ERR_AUTHENTICATION_FAILED');
    expect(error.details).toMatchObject({ trid: '20', line: '911 20' });
    expect(msnpAdapter.classify('911 20').toJSON()).toEqual(error.toJSON());
  });

  it('the first error line of a chunk wins', () => {
    const error = classifyMsnp('601 7\r\n911 8\r\n');
    expect(error.code).toBe('601');
    expect(error.details).toMatchObject({ trid: '7' });
  });

  it('a payload that announces more bytes than arrived is kept and marked truncated', () => {
    const error = classifyMsnp('241 14 500\r\n<ml><d n="exa');
    expect(error.code).toBe('241');
    expect(error.details).toMatchObject({ payloadLength: 500, payload: '<ml><d n="exa', payloadTruncated: true });
  });
});

describe('MSNP adapter: HRESULTs written without 0x', () => {
  it('reads eight hex digits as an HRESULT, as logs print them', () => {
    expect(classifyMsnp('80048821')).toMatchObject({ code: '0x80048821', codeName: 'PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD', category: 'unauthenticated' });
    expect(classifyMsnp('8004882a').code).toBe('0x8004882a');
    expect(classifyMsnp('911')).toMatchObject({ code: '911' });
    expect(classifyMsnp('2147500037').code).toBe('0x80004005');
    expect(lookupMsnp('80048821')?.name).toBe('PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD');
  });
});

describe('MSNP adapter: OUT', () => {
  it.each(outCodes.map((entry) => [entry.code, entry] as const))('%s, with and without \\r\\n and after other lines', (code, entry) => {
    expectEntry(classifyMsnp(code), entry);
    expectEntry(classifyMsnp(`${code}\r\n`), entry);
    expectEntry(classifyMsnp(`CHG 3 NLN 0\r\n${code}\r\n`), entry);
  });

  it('OUT without a reason: the session is over, a connection failure', () => {
    const error = classifyMsnp('OUT\r\n');
    expect(error.code).toBe('OUT');
    expect(error.category).toBe('network');
    expect(error.retry).toBe(RETRY_BY_CATEGORY.network);
  });

  it('OUT with a reason the catalog lacks keeps the reason', () => {
    const error = classifyMsnp('OUT MIG\r\n');
    expect(error.code).toBe('OUT MIG');
    expect(error.category).toBe('network');
    expect(error.description).toMatch(/MIG/);
  });
});

describe('MSNP adapter: HRESULTs', () => {
  const hex = (value: string): number => Number.parseInt(value.slice(2), 16);

  describe.each(hexCodes.map((entry) => [`${entry.code} ${entry.name}`, entry] as const))('%s', (_label, entry) => {
    it.each([
      ['a number', hex(entry.code)],
      ['a signed 32-bit number', hex(entry.code) | 0],
      ['a hex string', entry.code],
      ['an upper-case hex string', `0x${entry.code.slice(2).toUpperCase()}`],
      ['an object with hresult', { hresult: entry.code }],
      ['an Error whose message carries it', new Error(`Passport sign-in failed (${entry.code})`)],
      ['its name', entry.name],
    ])('as %s', (_form, raw) => {
      expectEntry(classifyMsnp(raw), entry);
    });
  });

  it.each(uniqueHresults.map(([hresult, [entry]]) => [hresult, entry] as const))('%s maps back to its one MSNP code', (hresult, entry) => {
    if (entry === undefined) throw new Error('unreachable: the group has one entry');
    for (const raw of [hex(hresult), hresult]) {
      const error = classifyMsnp(raw);
      expectEntry(error, entry);
      expect(error.details).toMatchObject({ hresult });
    }
  });

  describe('shared HRESULTs never map back to one code', () => {
    it('the catalog has the five shared HRESULTs the sources list', () => {
      expect(Object.fromEntries(sharedHresults.map(([hresult, entries]) => [hresult, entries.map((entry) => entry.code)]))).toEqual({
        '0x8100030a': ['205', '206', '208', '216'],
        '0x810003a8': ['500', '520', '918', '919'],
        '0x8100030e': ['600', '729', '910', '921', '922'],
        '0x81000339': ['606', '710'],
        '0x8100035a': ['718', '927'],
      });
    });

    it.each(sharedHresults)('%s', (hresult, entries) => {
      const categories = [...new Set(entries.map((entry) => entry.category))];
      const expected = CAUTION_ORDER.find((category) => categories.includes(category));
      for (const raw of [hex(hresult), hresult, hresult.toUpperCase().replace('0X', '0x')]) {
        const error = classifyMsnp(raw);
        expect(error.code).toBe(hresult);
        expect(error.codeName).toMatch(/^MSGR_/);
        for (const entry of entries) expect([entry.name, ...(entry.otherNames ?? [])]).toContain(error.codeName);
        expect(error.category).toBe(expected);
        expect(error.details).toMatchObject({ hresult, candidates: entries.map((entry) => entry.code) });
        expect(error.description).toContain(entries.map((entry) => entry.code).join(', '));
      }
    });

    it('0x8100030a is MSGR_E_USER_NOT_FOUND for 205, 206, 208 and 216, by number, hex or shared name', () => {
      for (const raw of [0x8100030a, '0x8100030a', 'MSGR_E_USER_NOT_FOUND']) {
        const error = classifyMsnp(raw);
        expect(error.code).toBe('0x8100030a');
        expect(error.codeName).toBe('MSGR_E_USER_NOT_FOUND');
        expect(error.details).toMatchObject({ candidates: ['205', '206', '208', '216'] });
      }
    });

    it('ranks every category, and never-retried ones before waited, refreshed and backed-off ones', () => {
      expect([...CAUTION_ORDER].sort()).toEqual([...CATEGORIES].sort());
      const advice = ['never', 'wait', 'refresh', 'backoff'];
      const ranks = CAUTION_ORDER.map((category: Category) => advice.indexOf(RETRY_BY_CATEGORY[category]));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });
  });

  it('success rows classify to their entries, which say they are not errors', () => {
    const successes = msnpCatalog.filter((entry) => entry.success === true);
    expect(successes.map((entry) => entry.code)).toEqual(expect.arrayContaining(['218', '0x00048802', '0x00048803']));
    for (const entry of successes) expectEntry(classifyMsnp(entry.code), entry);
    const viaHresult = classifyMsnp(0x01000301);
    expect(viaHresult.code).toBe('218');
  });

  it('an HRESULT the catalog lacks keeps its hex code; one without the error bit is not an error', () => {
    const failure = classifyMsnp(0x8004889a);
    expect(failure.code).toBe('0x8004889a');
    expect(failure.category).toBe('unknown');
    const success = classifyMsnp('0x00000000');
    expect(success.code).toBe('0x00000000');
    expect(success.details).toMatchObject({ success: true });
  });
});

describe('MSNP adapter: Passport SOAP faults', () => {
  const soap12 = (value: string, prefix = 'psf', envelope = 'S'): string => `<?xml version="1.0" encoding="utf-8" ?>
<${envelope}:Envelope xmlns:${envelope}="http://www.w3.org/2003/05/soap-envelope" xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust" xmlns:${prefix}="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault">
  <${envelope}:Header>
    <${prefix}:pp xmlns:${prefix}="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault">
      <${prefix}:serverVersion>1</${prefix}:serverVersion>
      <${prefix}:authstate>0x80048800</${prefix}:authstate>
      <${prefix}:reqstatus>0x80048821</${prefix}:reqstatus>
      <!-- <${prefix}:value>0x80048823</${prefix}:value> in a comment is no value -->
    </${prefix}:pp>
  </${envelope}:Header>
  <${envelope}:Body>
    <${envelope}:Fault>
      <${envelope}:Code>
        <${envelope}:Value>${envelope}:Sender</${envelope}:Value>
        <${envelope}:Subcode><${envelope}:Value>wst:FailedAuthentication</${envelope}:Value></${envelope}:Subcode>
      </${envelope}:Code>
      <${envelope}:Reason><${envelope}:Text xml:lang="en-US">Authentication Failure</${envelope}:Text></${envelope}:Reason>
      <${envelope}:Detail>
        <${prefix}:error>
          <${prefix}:value>${value}</${prefix}:value>
          <${prefix}:internalerror>
            <${prefix}:code>0x80041012</${prefix}:code>
            <${prefix}:text>The entered and stored passwords do not match.&#x000D;&#x000A;</${prefix}:text>
          </${prefix}:internalerror>
        </${prefix}:error>
      </${envelope}:Detail>
    </${envelope}:Fault>
  </${envelope}:Body>
</${envelope}:Envelope>`;

  const bad = msnpCatalog.find((entry) => entry.code === '0x80048821');

  it('0x80048821 is PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD, unauthenticated', () => {
    if (bad === undefined) throw new Error('the catalog lost 0x80048821');
    const error = classifyMsnp(soap12('0x80048821'));
    expectEntry(error, bad);
    expect(error.category).toBe('unauthenticated');
    expect(error.details).toMatchObject({
      source: 'soap-fault',
      value: '0x80048821',
      faultCode: 'wst:FailedAuthentication',
      internalCode: '0x80041012',
      internalText: 'The entered and stored passwords do not match.',
      reason: 'Authentication Failure',
    });
  });

  it.each(hexCodes.filter((entry) => entry.code.startsWith('0x8004')).map((entry) => [entry.code, entry] as const))(
    'a fault carrying %s, whatever the namespace prefixes, as text or bytes',
    (code, entry) => {
      expectEntry(classifyMsnp(soap12(code)), entry);
      expectEntry(classifyMsnp(soap12(code, 'pf', 'soap')), entry);
      expectEntry(classifyMsnp(new TextEncoder().encode(`\r\n${soap12(code, 'ns1', 'env')}`)), entry);
      expectEntry(classifyMsnp({ status: 500, body: soap12(code) }), entry);
    },
  );

  it('a SOAP 1.1 fault with only a faultcode is the fault code\'s entry', () => {
    const error = classifyMsnp(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
        '<faultcode>wsse:FailedAuthentication</faultcode><faultstring>Authentication Failure</faultstring></soap:Fault></soap:Body></soap:Envelope>',
    );
    expect(error.code).toBe('psf:FailedAuthentication');
    expect(error.category).toBe('unauthenticated');
    expect(error.details).toMatchObject({ faultCode: 'wsse:FailedAuthentication', reason: 'Authentication Failure' });
  });

  it('the internal error code stands in when the fault has no psf:value', () => {
    const error = classifyMsnp(soap12('').replace('<psf:value></psf:value>', '').replace('0x80041012', '0x80048823'));
    expect(error.code).toBe('0x80048823');
  });

  it('a successful RST answer is no fault', () => {
    const error = classifyMsnp('<S:Envelope><S:Body><wst:RequestSecurityTokenResponseCollection/></S:Body></S:Envelope>');
    expect(error.code).toBe('UNKNOWN');
    expect(error.description).toMatch(/no SOAP Fault/);
  });

  it('keeps the facts of the fault, never the document', () => {
    const document = soap12('0x80048821').replace('<S:Body>', '<S:Body><wsse:BinarySecurityToken>t=secret-ticket&amp;p=profile</wsse:BinarySecurityToken>');
    const json = JSON.stringify(classifyMsnp(document));
    expect(json).not.toContain('secret-ticket');
    expect(json).not.toContain('Envelope');
  });
});

describe('MSNP adapter: redaction', () => {
  it('masks the Passport ticket of a USR line kept in an error', () => {
    const ticket = 't=EwBwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2F6GvHxEwAAZ&p=FL6k8CeZ8Bnhm';
    const error = classifyMsnp(`USR 20 TWN S ${ticket}\r\nUSR 21 SSO S MBI_KEY_OLD ${ticket}\r\n`);
    const json = JSON.stringify(error);
    expect(json).not.toContain('EwBwAq1DBAAUlbRWyAJjK5w968Ru3Cyt');
    expect(json).not.toContain('FL6k8CeZ8Bnhm');
    expect(error.category).toBe('unknown');
  });

  it('masks credentials in an Error message, its cause chain and an object it does not recognise', () => {
    const line = 'USR 7 SSO S t=EwCoAq1DBAAUzzTopSecretTicketValue&p=PROFILEsecret987 bm9uY2U=';
    const cases = [new Error(line), new Error('sign-in failed', { cause: new Error(line) }), { line }, { note: `sent ${line}` }];
    for (const raw of cases) {
      const json = JSON.stringify(classifyMsnp(raw));
      expect(json).not.toContain('TopSecretTicketValue');
      expect(json).not.toContain('PROFILEsecret987');
      expect(json).not.toContain('bm9uY2U=');
    }
  });

  it('masks tickets, MD5 responses and Passport cookies inside an error payload and line', () => {
    const payload = 'MSPAuth: 8H4tJ8kEoB9r!2Y\r\nt=ticket-abcdef&p=profile-123';
    const error = classifyMsnp(`911 20 ${payload.length}\r\n${payload}`);
    const json = JSON.stringify(error);
    expect(json).not.toContain('8H4tJ8kEoB9r');
    expect(json).not.toContain('ticket-abcdef');
    expect(json).not.toContain('profile-123');
    const md5 = JSON.stringify(classifyMsnp('USR 4 MD5 S 5e8ff9bf55ba3508199d22e984129be6\r\ngarbage'));
    expect(md5).not.toContain('5e8ff9bf55ba3508199d22e984129be6');
  });
});

describe('parseMsnpLine', () => {
  it.each([
    ['911 20\r\n', { kind: 'error', code: '911', trid: '20' }],
    ['911 20', { kind: 'error', code: '911', trid: '20' }],
    ['715', { kind: 'error', code: '715' }],
    ['241 14 120\r\n<ml/>', { kind: 'error', code: '241', trid: '14', payloadLength: 120 }],
    ['OUT SSD\r\n', { kind: 'out', reason: 'SSD' }],
    ['OUT', { kind: 'out' }],
    ['MSG Hotmail Hotmail 512\r\n', { kind: 'command', command: 'MSG', payloadLength: 512 }],
    ['CHG 11 NLN 0', { kind: 'command', command: 'CHG', trid: '11' }],
    ['USR 20 TWN S t=ticket&p=profile', { kind: 'command', command: 'USR', trid: '20' }],
    ['', { kind: 'empty' }],
    ['\r\n', { kind: 'empty' }],
  ])('%j', (line, expected) => {
    expect(parseMsnpLine(line)).toEqual(expected);
  });

  it.each(['hello world', 'OUT of memory', '91 20', '9111 20', 'out ssd', 'x'.repeat(20_000)])('%j is not an MSNP line', (line) => {
    expect(parseMsnpLine(line).kind).toBe('invalid');
  });

  it('never hands back the parameters of a command, where credentials live', () => {
    expect(JSON.stringify(parseMsnpLine('USR 20 TWN S t=ticket&p=profile'))).not.toContain('ticket');
  });
});

describe('MSNP adapter: everything else it may be handed', () => {
  it.each([
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'network'],
    ['ETIMEDOUT', Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), 'timeout'],
    ['an AbortError', new DOMException('aborted', 'AbortError'), 'cancelled'],
  ] as const)('%s is a transport failure', (_case, raw, category) => {
    expect(classifyMsnp(raw).category).toBe(category);
  });

  it('reads codes from objects, Errors and cause chains', () => {
    expect(classifyMsnp({ code: 911 }).code).toBe('911');
    expect(classifyMsnp({ line: '600 3\r\n' }).code).toBe('600');
    expect(classifyMsnp(new Error('911 20')).code).toBe('911');
    expect(classifyMsnp(new Error('sign-in failed', { cause: { hresult: 0x80048821 } })).code).toBe('0x80048821');
  });

  it.each([
    ['undefined', undefined],
    ['an empty string', ''],
    ['a garbage line', 'hello world\r\n'],
    ['a success line', 'USR 20 OK alice@example.com 1 0\r\n'],
    ['a 2-digit number', 42],
    ['a fraction', 911.5],
    ['a number wider than 32 bits', 2 ** 40],
    ['a name the catalog lacks', 'ERR_NO_SUCH_THING'],
    ['random bytes', Uint8Array.of(0, 255, 13, 10, 7)],
    ['a plain Error', new Error('boom')],
    ['OUT followed by prose', new Error('OUT of memory')],
  ])('%s is unknown, never a throw', (_case, raw) => {
    const error = classifyMsnp(raw);
    expect(error.code).toBe('UNKNOWN');
    expect(error.category).toBe('unknown');
  });

  it('an uncatalogued code gets a category from its hundred and keeps its code', () => {
    expect(classifyMsnp('299 1').category).toBe('invalid-request');
    expect(classifyMsnp('599 1').category).toBe('server-error');
    expect(classifyMsnp('699 1').category).toBe('unavailable');
    expect(classifyMsnp('899 1').category).toBe('rate-limited');
    const unknown = classifyMsnp('999 1');
    expect(unknown.code).toBe('999');
    expect(unknown.category).toBe('unknown');
  });

  it('survives hostile objects and huge inputs', () => {
    const hostile = Object.defineProperty({}, 'code', { get: () => { throw new Error('no'); } });
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    for (const raw of [hostile, trap]) expect(classifyMsnp(raw).category).toBe('unknown');
    expect(classifyMsnp(`911 1\r\n${'x'.repeat(2_000_000)}`).code).toBe('911');
    expect(classifyMsnp(`${'CHG 1 NLN 0\r\n'.repeat(100_000)}911 1`).code).toBe('UNKNOWN');
  });

  it('returns an error it is given back unchanged', () => {
    const error = classifyMsnp('911 20');
    expect(classifyMsnp(error)).toBe(error);
  });
});
