import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.ts';
import { SERVICES } from '../../src/core/service.ts';
import { contractProblems } from './contract.ts';
import { hugeInputs, MEGABYTE } from './timing.ts';

/**
 * A megabyte of every adversarial shape, in every carrier, classified by every service. Timing
 * is reported by `npm run bench:hostile`; here each answer must be a valid, bounded error.
 */
describe.each(SERVICES)('classify(%s, 1 MB of each adversarial shape)', (service) => {
  it('answers each with a valid error no larger than a normal one', { timeout: 300_000 }, () => {
    const problems: string[] = [];
    for (const input of hugeInputs(MEGABYTE)) {
      const found = contractProblems(classify(service, input.make()), service);
      if (found.length > 0) problems.push(`${input.name}: ${found.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });
});
