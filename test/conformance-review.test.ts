/**
 * Cut-off Coral bodies: a body that looked like JSON but did not parse is salvaged, as Lobby's and
 * the Kakao platform's are, so its status still decides (a wrapped 9404 still renews).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/index.ts';
import { lookupCoral } from '../src/services/coral/index.ts';

describe('Coral: a body cut off mid-way is salvaged', () => {
  it.each([
    ['a plain status body, HTTP 200', 200, '{"status":9404,"errorMessage":"Tok'],
    ['nxapi proxy, HTTP 500', 500, '{"error":"invalid_token","error_message":"Token expired","data":{"status":9404,"errorMe'],
  ])('%s keeps its 9404', (_form, status, body) => {
    const error = classify('coral', { status, body });
    const entry = lookupCoral(9404);
    expect(error).toMatchObject({ code: '9404', category: entry?.category, retry: entry?.retry, status });
  });

  it('a cut-off 9427 is outdated-client, never retried', () => {
    expect(classify('coral', { status: 200, body: '{"status":9427,"errorMessage":"Upgr' })).toMatchObject({ code: '9427', retry: 'never' });
  });

  it('a cut-off proxy page with no status field is still read by its HTTP status', () => {
    expect(classify('coral', { status: 502, body: '{"oops' })).toMatchObject({ code: '502', category: 'unavailable' });
  });
});
