import type { Category } from 'extralife';
import type { TimelineRow, TimelineSummary } from './timeline.ts';

// Each style is an opening and its own close, so styles nest without a full reset.
const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

/** The styles the demo uses. */
export type Style = keyof typeof ANSI;

/** Styles text with ANSI codes, or leaves it plain. */
export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (style, text) => `${ANSI[style][0]}${text}${ANSI[style][1]}` : (_style, text) => text;
}

/**
 * Whether to colour a stream: only a terminal, and never when NO_COLOR is set (no-color.org)
 * or the terminal is dumb. FORCE_COLOR turns it on anywhere.
 */
export function wantsColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

const CALL_WIDTH = 26;
const CATEGORY_WIDTH = 15;

export function header(paint: Paint): string {
  return paint('dim', `${'time'.padStart(7)}  ${'call'.padEnd(CALL_WIDTH)}${'try'.padStart(3)}  ${'category'.padEnd(CATEGORY_WIDTH)} what happened`);
}

export function sceneTitle(paint: Paint, index: number, title: string, about: string): string {
  return `\n${paint('bold', `${String(index)}. ${title}`)}\n   ${paint('dim', about)}`;
}

function columns(paint: Paint, row: TimelineRow, attempt: string, category: string): string {
  const call = `#${String(row.call.id)} ${row.call.name}`.padEnd(CALL_WIDTH);
  return `${paint('dim', seconds(row.atMs).padStart(7))}  ${call}${attempt.padStart(3)}  ${category}`;
}

function categoryCell(paint: Paint, style: Style, category: Category | 'ok'): string {
  return paint(style, category.padEnd(CATEGORY_WIDTH));
}

export function formatRow(paint: Paint, row: TimelineRow): string {
  switch (row.kind) {
    case 'retry': {
      const next = row.next === 'renew token' ? paint('cyan', 'renew the token, then retry') : `wait ${seconds(row.waitMs)}, then retry`;
      return `${columns(paint, row, String(row.attempt), categoryCell(paint, 'yellow', row.category))} ${row.code} -> ${next}`;
    }
    case 'refresh':
      return `${columns(paint, row, '', ' '.repeat(CATEGORY_WIDTH))} ${paint('cyan', row.outcome === 'refreshed' ? `token renewed in ${seconds(row.tookMs)}` : `token renewal failed after ${seconds(row.tookMs)}`)}`;
    case 'ok':
      return `${columns(paint, row, String(row.attempt), categoryCell(paint, 'green', 'ok'))} ${row.summary} ${paint('dim', `(call took ${seconds(row.tookMs)})`)}`;
    case 'gave-up':
      return `${columns(paint, row, String(row.attempt), categoryCell(paint, 'red', row.category))} ${row.code} -> ${paint('red', `gave up${row.reason === undefined ? '' : ` (${describeReason(row.reason)})`}`)}`;
  }
}

function describeReason(reason: NonNullable<Extract<TimelineRow, { kind: 'gave-up' }>['reason']>): string {
  switch (reason) {
    case 'final':
      return 'not worth retrying';
    case 'limit':
      return 'retry limit reached';
    case 'time':
      return 'out of time';
    case 'retry-after':
      return 'asked to wait longer than maxRetryAfter';
    case 'budget':
      return 'retry budget empty';
    case 'refresh':
      return 'token renewal refused';
    case 'not-idempotent':
      return 'not safe to send twice';
    case 'cancelled':
      return 'cancelled';
  }
}

/** The closing summary: calls, attempts, renewals, and what became of each category met. */
export function formatSummary(paint: Paint, summary: TimelineSummary): string[] {
  const lines = [
    '',
    paint('bold', 'Summary'),
    `  calls      ${String(summary.calls)}: ${paint('green', `${String(summary.ok)} ok`)}, ${summary.failed === 0 ? '0 failed' : paint('red', `${String(summary.failed)} failed`)}`,
    `  attempts   ${String(summary.attempts)}`,
    `  refreshes  ${String(summary.refreshes)} token renewal${summary.refreshes === 1 ? '' : 's'}`,
    `  elapsed    ${seconds(summary.elapsedMs)}`,
    `  by category ${paint('dim', '(failed attempts: retried / ended the call)')}`,
  ];
  const sorted = [...summary.categories].sort(([, a], [, b]) => b.met - a.met);
  for (const [category, tally] of sorted) {
    const style: Style = tally.ended > 0 ? 'red' : 'yellow';
    lines.push(`    ${paint(style, category.padEnd(CATEGORY_WIDTH))} ${String(tally.met).padStart(2)}: ${String(tally.retried)} retried / ${String(tally.ended)} ended`);
  }
  return lines;
}
