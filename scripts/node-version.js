// Plain JavaScript on purpose: it must run, and say what is wrong, on a Node too old for the rest.
/** The oldest Node that runs this checkout's TypeScript files directly (type stripping on by default). */
export const NEEDED = { major: 22, minor: 18 };

/** Whether `version` ('22.23.3') is at least NEEDED. */
export function recentEnough(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > NEEDED.major || (major === NEEDED.major && minor >= NEEDED.minor);
}

/** What to tell someone whose Node is too old, with the commands that fix it. */
export function tooOldMessage(version, what) {
  return [
    `extralife: ${what} needs Node ${NEEDED.major}.${NEEDED.minor} or later; this is Node ${version}.`,
    '  In a checkout, `npm ci` installs Node 22 into node_modules/.bin (the `node` dev dependency),',
    '  and npm scripts run on it: `npm run demo`, `npm run example -- lobby-quick-join`.',
    '  If install scripts were skipped (`npm ci --ignore-scripts`), run `npm rebuild node` first.',
    '  Or install Node 22 itself: https://nodejs.org, or `nvm install 22`.',
    '',
  ].join('\n');
}
