import type { CatalogEntry } from '../core/catalog-entry.ts';
import { SERVICES } from '../core/service.ts';
import { createPainter, type Painter } from './style.ts';
import { padEnd } from './text.ts';

const HEADINGS = ['CODE', 'NAME', 'CATEGORY', 'RETRY'] as const;

/** The terminal form of `list`: one table per service, columns sized to that service's codes. */
export function renderList(entries: readonly CatalogEntry[], color: boolean): string {
  const paint = createPainter(color);
  const tables = SERVICES.flatMap((service) => {
    const rows = entries.filter((entry) => entry.service === service);
    return rows.length === 0 ? [] : [renderTable(service, rows, paint)];
  });
  return tables.join('\n');
}

function renderTable(service: string, rows: readonly CatalogEntry[], paint: Painter): string {
  const cells: readonly (readonly string[])[] = rows.map((entry) => [entry.code, entry.name, entry.category, entry.retry]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...cells.map((cell) => cell[column]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    `  ${values.map((value, column) => (column === values.length - 1 ? value : padEnd(value, (widths[column] ?? 0) + 2))).join('')}`.trimEnd();
  const count = `${rows.length} ${rows.length === 1 ? 'code' : 'codes'}`;
  return [
    `${paint.style('bold', service)} ${paint.style('dim', `(${count})`)}`,
    paint.style('dim', line(HEADINGS)),
    ...rows.map((entry) => line([entry.code, entry.name, paint.category(entry.category), entry.retry])),
  ].join('\n') + '\n';
}
