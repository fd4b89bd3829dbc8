#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { EXIT } from './io.ts';
import { run } from './run.ts';
import { colorEnabled } from './style.ts';

/** The version in package.json, which sits two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

// Output piped into a reader that stops early (`| head`) is not a failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  process.stderr.write(`extralife: cannot write output: ${error.message}\n`);
  process.exit(EXIT.notFound);
});

try {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: colorEnabled({ isTTY: process.stdout.isTTY, env: process.env }),
    version: packageVersion(),
    columns: process.stdout.columns,
  });
} catch (error) {
  // run() reports every expected failure itself; anything else still gets one line, not a stack.
  process.stderr.write(`extralife: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 70;
}
