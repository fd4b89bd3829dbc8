import { spawn } from 'node:child_process';

/** How a script run in a Node process of its own ended, and what it wrote. */
export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly errors: string;
}

/**
 * Runs `script` in a process of its own and waits for it to exit. Only a process held open by
 * something it left behind runs past `killAfterMs`; the kill makes that a failure (no exit code)
 * rather than a hang.
 */
export async function runChild(script: string, args: readonly string[], killAfterMs: number): Promise<ChildRun> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
  return { ...exit, output, errors };
}
