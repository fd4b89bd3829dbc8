import { describe, expect, it } from 'vitest';
import { catalog } from '../src/catalog/index.ts';
import { CATEGORIES } from '../src/core/category.ts';
import { run } from '../src/cli/run.ts';
import { colorEnabled, createPainter, SEVERITY, visible } from '../src/cli/style.ts';

// eslint-disable-next-line no-control-regex -- looking for the escape sequences the output must or must not hold
const ESCAPE = /\u001b\[/;

function stdoutOf(color: boolean, ...args: string[]): string {
  let stdout = '';
  run(args, { stdout: (text) => { stdout += text; }, stderr: () => undefined, color, version: '0.0.0' });
  return stdout;
}

describe('when to colour', () => {
  it.each([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['a terminal with NO_COLOR', true, { NO_COLOR: '1' }, false],
    ['a terminal with an empty NO_COLOR', true, { NO_COLOR: '' }, true],
    ['a pipe with FORCE_COLOR', false, { FORCE_COLOR: '1' }, true],
    ['a pipe with an empty FORCE_COLOR', false, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR and NO_COLOR', false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['a terminal with FORCE_COLOR=0', true, { FORCE_COLOR: '0' }, false],
    ['a terminal with FORCE_COLOR=false', true, { FORCE_COLOR: 'false' }, false],
  ] as const)('%s', (_, isTTY, env: Record<string, string>, expected) => {
    expect(colorEnabled({ isTTY, env })).toBe(expected);
  });
});

describe('coloured output', () => {
  const withCode = (args: readonly string[]): readonly [string, readonly string[]] => [args.join(' '), args];
  const commands = [withCode(['explain', '2306-0806']), withCode(['explain', '500']), withCode(['list']), withCode(['list', '--service', 'lobby'])];

  it.each(commands)('%s has escape sequences with colour on and none with it off, and the same text', (_, args) => {
    const coloured = stdoutOf(true, ...args);
    const plain = stdoutOf(false, ...args);
    expect(coloured).toMatch(ESCAPE);
    expect(plain).not.toMatch(ESCAPE);
    expect(visible(coloured)).toBe(plain);
  });

  it('never colours JSON', () => {
    expect(stdoutOf(true, 'explain', '500', '--json')).not.toMatch(ESCAPE);
    expect(stdoutOf(true, 'list', '--json')).not.toMatch(ESCAPE);
  });

  it('colours a category by its severity group: one colour per group, different across groups', () => {
    const paint = createPainter(true);
    const colourOf = (category: (typeof CATEGORIES)[number]): string => paint.category(category).replace(category, '');
    for (const a of CATEGORIES) {
      for (const b of CATEGORIES) {
        expect(colourOf(a) === colourOf(b), `${a} / ${b}`).toBe(SEVERITY[a] === SEVERITY[b]);
      }
    }
  });

  it('keeps the table columns aligned when coloured', () => {
    const lines = (color: boolean): string[] => visible(stdoutOf(color, 'list', '--service', 'nex')).split('\n');
    expect(lines(true)).toEqual(lines(false));
    const entry = catalog('nex')[0];
    expect(entry).toBeDefined();
    expect(stdoutOf(true, 'list', '--service', 'nex')).toContain(createPainter(true).category(entry?.category ?? 'unknown'));
  });
});
