import { resolve } from 'node:path';

/**
 * The measuring every benchmark here shares: two sides run in alternating rounds in one process,
 * so that whatever else the machine is doing falls on both, and the figure is the median of the
 * per-round ratios. Nothing here asserts a time: each script prints ratios against its anchor.
 */

/** One side of a comparison: runs `count` operations and resolves when all are done. */
export type Batch = (count: number) => Promise<void>;

export interface Comparison {
  /** Median over rounds of (time of `measured`) / (time of `anchor`) for the same work. */
  readonly ratio: number;
  /** The lowest and highest per-round ratio. */
  readonly range: readonly [number, number];
  /** Time of `measured` over the anchor's in each side's fastest round: the figure least touched by other work on the machine. */
  readonly best: number;
  /** Operations per second of each side, from its median round. */
  readonly measuredRate: number;
  readonly anchorRate: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timed(batch: Batch, count: number): Promise<number> {
  const start = performance.now();
  await batch(count);
  return performance.now() - start;
}

/**
 * Runs both sides `rounds` times (after `warmup` rounds each, not counted), alternating which goes
 * first, `count` operations a round.
 */
export async function compare(measured: Batch, anchor: Batch, options: { readonly rounds: number; readonly count: number; readonly warmup?: number }): Promise<Comparison> {
  const { rounds, count, warmup = 3 } = options;
  for (let round = 0; round < warmup; round += 1) {
    await anchor(count);
    await measured(count);
  }
  const ratios: number[] = [];
  const measuredTimes: number[] = [];
  const anchorTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let a: number;
    let b: number;
    if (round % 2 === 0) {
      b = await timed(anchor, count);
      a = await timed(measured, count);
    } else {
      a = await timed(measured, count);
      b = await timed(anchor, count);
    }
    measuredTimes.push(a);
    anchorTimes.push(b);
    ratios.push(a / b);
  }
  return {
    ratio: median(ratios),
    range: [Math.min(...ratios), Math.max(...ratios)],
    best: Math.min(...measuredTimes) / Math.min(...anchorTimes),
    measuredRate: (count * 1000) / median(measuredTimes),
    anchorRate: (count * 1000) / median(anchorTimes),
  };
}

/** A ratio as the README shows it: two decimals and a multiplication sign. */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** One line of a report: the figure, its ratio and range, and each side's rate. */
export function describe(label: string, result: Comparison, unit = 'calls/s'): string {
  const [low, high] = result.range;
  return `${label}: ${times(result.ratio)} median, ${times(result.best)} best rounds (rounds ${low.toFixed(2)}–${high.toFixed(2)}; ${Math.round(result.measuredRate)} vs ${Math.round(result.anchorRate)} ${unit})`;
}

/** A whole-number option from the command line (`--rounds 20`), or its default. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`--${name} needs a whole number above 0`);
  return value;
}

/**
 * The checkout whose code is measured: this one, or another given with `--root <dir>` (an
 * earlier commit unpacked beside this one, to measure before and after in one run).
 */
export function rootOption(): string {
  const index = process.argv.indexOf('--root');
  const here = new URL('../..', import.meta.url).pathname;
  if (index === -1) return here;
  const given = process.argv[index + 1];
  if (given === undefined || given === '') throw new TypeError('--root needs a directory');
  return resolve(given);
}
