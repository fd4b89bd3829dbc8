import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPatterns, redactText, REDACTED } from '../src/core/redact.ts';

/** Pieces that make up secret-bearing text in every form the patterns know, and the text around them. */
const PIECES = [
  'Bearer ', 'Basic ', 'token ', 'Token=', 'access_token', 'Authorization: ', 'authorisation=', 'Cookie: ', 'password', 'PASSWD=',
  'secret', 'api-key', 'apikey:', 'ticket=', 'USR 12 TWN S ', 'USR 3 SSO S ', 't=', '&p=', 'MSPAuth=', 'MSPProf: ', 'https://', 'ftp://',
  '@', ':', '=', '"', "'", ' ', '&', ';', '/', 'player', 'hunter2', 'eyJhbGciOiJIUzI1NiJ9.x.y', 'qv7Lm2Xw9Rt4Kp8Zn3Bc', 'expired.', '9404',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));

describe('redactText', () => {
  it('skips the patterns only for text none of them can match', () => {
    fc.assert(fc.property(text, (input) => { expect(redactText(input)).toBe(maskPatterns(input)); }), { numRuns: 20_000 });
  });

  it('masks each form a credential takes in text', () => {
    const secret = 'qv7Lm2Xw9Rt4Kp8Zn3Bc';
    for (const form of [
      `Authorization: Bearer ${secret}`, `token=${secret}`, `"password": "${secret}"`, `api_key=${secret}`, `USR 12 TWN S ${secret}`,
      `t=${secret}&p=${secret}`, `MSPAuth=${secret}`, `https://player:${secret}@api.example.test/x`, `GET https://${secret}@host/`,
    ]) {
      const masked = redactText(form);
      expect(masked, form).not.toContain(secret);
      expect(masked, form).toContain(REDACTED);
    }
  });

  it('leaves prose and codes alone', () => {
    for (const prose of ['Token expired.', 'The lobby is full (16004).', 'basic checks failed', 'http://unity3d/lobby/errors/lobby-not-found', 'status: 9404']) {
      expect(redactText(prose)).toBe(prose);
    }
  });

  it('masks a known secret value wherever it appears', () => {
    expect(redactText('lobbies/abcd1234/join?x=abcd1234', ['abcd1234'])).toBe(`lobbies/${REDACTED}/join?x=${REDACTED}`);
  });
});
