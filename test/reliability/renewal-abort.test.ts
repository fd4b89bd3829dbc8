import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('a call cancelled while its token renewal hangs', () => {
  it('ends cancelled, and the renewal running on does not keep the process alive', { timeout: 120_000 }, async () => {
    const script = fileURLToPath(new URL('renewal-abort-child.ts', import.meta.url));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    // The renewal's bound is ten minutes away: only a process held by it runs into this kill.
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 100_000);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    expect(errors).toBe('');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(JSON.parse(output)).toEqual({ category: 'cancelled', attempts: 1 });
  });
});
