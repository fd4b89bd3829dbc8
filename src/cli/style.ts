import type { Category } from '../core/category.ts';

/** Categories grouped by what a caller does about them; each group has one colour. */
export const SEVERITY = {
  network: 'transient',
  timeout: 'transient',
  unavailable: 'transient',
  'server-error': 'transient',
  maintenance: 'transient',
  'rate-limited': 'transient',
  'token-expired': 'renew',
  unauthenticated: 'denied',
  forbidden: 'denied',
  'account-restricted': 'denied',
  'outdated-client': 'denied',
  'not-found': 'caller',
  conflict: 'caller',
  capacity: 'caller',
  'invalid-request': 'caller',
  unsupported: 'caller',
  cancelled: 'neutral',
  unknown: 'neutral',
} as const satisfies Record<Category, string>;

type Severity = (typeof SEVERITY)[Category];

// Each style is an opening and the matching close, so styles nest without a full reset.
const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  magenta: ['\u001b[35m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

export type Style = keyof typeof ANSI;

const SEVERITY_STYLE = {
  transient: 'yellow',
  renew: 'cyan',
  denied: 'red',
  caller: 'magenta',
  neutral: 'dim',
} as const satisfies Record<Severity, Style>;

/** Applies ANSI styles, or nothing when colour is off. */
export interface Painter {
  readonly style: (style: Style, text: string) => string;
  readonly category: (category: Category, text?: string) => string;
}

export function createPainter(color: boolean): Painter {
  const style = (name: Style, text: string): string => (color && text !== '' ? `${ANSI[name][0]}${text}${ANSI[name][1]}` : text);
  return {
    style,
    category: (category, text = category) => style(SEVERITY_STYLE[SEVERITY[category]], text),
  };
}

/** What main.ts knows about the process when it decides on colour. */
export interface ColorContext {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour only on a terminal, unless NO_COLOR (https://no-color.org) turns it off.
 * FORCE_COLOR turns it on even when piped, and wins over NO_COLOR as it does in Node itself;
 * FORCE_COLOR=0 or false turns it off.
 */
export function colorEnabled({ isTTY, env }: ColorContext): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return false;
    return true;
  }
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTTY;
}

// eslint-disable-next-line no-control-regex -- matching the escape sequences this module writes
const ESCAPES = /\u001b\[[0-9;]*m/g;

/** The text as it shows on screen, without escape sequences. */
export function visible(text: string): string {
  return text.replace(ESCAPES, '');
}
