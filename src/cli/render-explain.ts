import type { ExplainedEntry } from './match.ts';
import { RETRY_MEANING } from './retry-meaning.ts';
import { createPainter, type Painter } from './style.ts';
import { padEnd, wrap } from './text.ts';

export interface RenderOptions {
  readonly color: boolean;
  readonly columns: number;
}

const LABEL_WIDTH = 13;
const INDENT = 2;

/** The terminal form of `explain`: one block per match, and a line saying how many when several. */
export function renderExplain(query: string, matches: readonly ExplainedEntry[], options: RenderOptions): string {
  const paint = createPainter(options.color);
  const blocks = matches.map((entry) => renderEntry(entry, paint, options.columns));
  if (matches.length <= 1) return blocks.join('');
  const services = [...new Set(matches.map((entry) => entry.service))];
  // One code and name in several catalogs (a 2815 voice-chat result: NEX's and Coral's) is one meaning.
  const oneMeaning = new Set(matches.map((entry) => `${entry.code} ${entry.name}`)).size === 1;
  const header = oneMeaning
    ? `${paint.style('bold', query)} is in ${joinWords(services, 'and')}.\n\n`
    : `${paint.style('bold', query)} has ${matches.length} meanings, in ${joinWords(services, 'and')}.\n\n`;
  const footer =
    services.length > 1 ? `\nNarrow it with ${joinWords(services.map((service) => `--service ${service}`), 'or')}.\n` : '';
  return header + blocks.join('\n') + footer;
}

function renderEntry(entry: ExplainedEntry, paint: Painter, columns: number): string {
  const lines: string[] = [];
  const title = entry.name === entry.code ? entry.code : `${entry.code}  ${entry.name}`;
  lines.push(paint.style('bold', title));
  const row = (label: string, value: string | undefined, styled?: string): void => {
    if (value === undefined || value.trim() === '') return;
    const text = styled ?? wrap(value, columns, INDENT + LABEL_WIDTH);
    lines.push(`${' '.repeat(INDENT)}${padEnd(paint.style('dim', label), LABEL_WIDTH)}${text}`);
  };
  row('service', entry.service);
  row('category', entry.category, paint.category(entry.category));
  row('retry', entry.retry, `${paint.style('bold', entry.retry)}: ${RETRY_MEANING[entry.retry]}`);
  if (entry.success === true) row('outcome', 'success', paint.style('green', 'reports success, not a failure'));
  row('description', entry.description);
  row('other names', entry.otherNames?.join(', '));
  row('Wii U code', entry.wiiUCode);
  row('result code', entry.resultCode);
  row('HRESULT', entry.hresult);
  row('reason', entry.reason);
  row('note', entry.note);
  row('source', entry.source);
  return `${lines.join('\n')}\n`;
}

/** 'a', 'a and b', 'a, b and c'. */
function joinWords(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1) ?? ''}`;
}
