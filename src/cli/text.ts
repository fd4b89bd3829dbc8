import { visible } from './style.ts';

/** Pads text, possibly coloured, to a visible width. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visible(text).length));
}

/**
 * Wraps plain text at word boundaries so that each line fits `width` once `indent` spaces
 * precede the lines after the first. A word longer than a line stands on its own line.
 */
export function wrap(text: string, width: number, indent: number): string {
  const room = Math.max(20, width - indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= room) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}
