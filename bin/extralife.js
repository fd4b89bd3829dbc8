#!/usr/bin/env node
// The command line's entry: plain JavaScript that checks the Node version before loading the
// command line (and ky, which needs Node 22), so an older Node gets a clear message, not a stack.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `extralife: the command line needs Node 22.12 or later; this is Node ${process.versions.node}.\n` +
      '  Install Node 22 (https://nodejs.org, or `nvm install 22`), or run it with `npx -y node@22 ./node_modules/.bin/extralife ...`.\n',
  );
  process.exit(1);
}
await import('../dist/cli/main.js');
