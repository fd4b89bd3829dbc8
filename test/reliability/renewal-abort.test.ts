import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChild } from './child.ts';

describe('a call cancelled while its token renewal hangs', () => {
  it('ends cancelled, and the renewal running on does not keep the process alive', { timeout: 120_000 }, async () => {
    // The renewal's bound is ten minutes away: only a process held by it runs into the kill.
    const run = await runChild(fileURLToPath(new URL('renewal-abort-child.ts', import.meta.url)), [], 100_000);
    expect(run.errors).toBe('');
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(JSON.parse(run.output)).toEqual({ category: 'cancelled', attempts: 1 });
  });
});
