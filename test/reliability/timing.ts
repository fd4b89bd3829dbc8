import { classify } from '../../src/classify.ts';
import type { Service } from '../../src/core/service.ts';
import { contractProblems } from './contract.ts';
import { CARRIERS, hugeStrings, hugeValues, type HostileCase } from './hostile.ts';

/** The time one service took to classify one huge input: the best of a few runs. */
export interface HugeInputTiming {
  readonly service: Service;
  readonly input: string;
  readonly ms: number;
  /** Contract problems of the error it gave; empty when valid. */
  readonly problems: readonly string[];
}

export const MEGABYTE = 1024 * 1024;

/** Every huge input of `size` characters or bytes: each string shape in each carrier, and the huge non-string values. */
export function hugeInputs(size: number): HostileCase[] {
  const inputs: HostileCase[] = [];
  for (const shape of hugeStrings(size)) {
    let text: string | undefined;
    // The string is built once per shape and shared by its carriers.
    const shared = (): string => (text ??= shape.make() as string);
    for (const carrier of CARRIERS) inputs.push({ name: `${shape.name}, as ${carrier.name}`, make: () => carrier.wrap(shared()) });
  }
  return [...inputs, ...hugeValues(size)];
}

function timeOnce(service: Service, input: HostileCase): { ms: number; error: unknown } {
  const raw = input.make();
  const started = performance.now();
  const error = classify(service, raw);
  return { ms: performance.now() - started, error };
}

/**
 * Times classify on every huge input for every service, slowest first. Each input is timed once;
 * one slower than `recheckAboveMs` is timed twice more and keeps its best time, so a pause of
 * the machine (a collection, another process) is not blamed on the input.
 */
export function timeHugeInputs(services: readonly Service[], size: number, recheckAboveMs: number): HugeInputTiming[] {
  const timings: HugeInputTiming[] = [];
  // One small run first, so the first input timed does not pay for compiling the adapters.
  for (const service of services) classify(service, { status: 503, body: '{"code":1}' });
  for (const input of hugeInputs(size)) {
    for (const service of services) {
      const first = timeOnce(service, input);
      let best = first.ms;
      if (best > recheckAboveMs) {
        for (let run = 0; run < 2; run += 1) best = Math.min(best, timeOnce(service, input).ms);
      }
      timings.push({ service, input: input.name, ms: best, problems: contractProblems(first.error, service) });
    }
  }
  return timings.sort((left, right) => right.ms - left.ms);
}

/** A timing as one line of a report. */
export function formatTiming(timing: HugeInputTiming): string {
  return `${timing.ms.toFixed(2).padStart(8)} ms  ${timing.service.padEnd(9)}  ${timing.input}`;
}
