import type { Options as KyOptions } from 'ky';
import type { KyPassThroughOptions } from './types.ts';

/**
 * ky's options without the ones given as `undefined`: an explicit `undefined` means "not given",
 * and must not override ky's or the client's own value of that option when options are merged.
 */
export function definedOptions(options: KyPassThroughOptions): KyOptions {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    const value: unknown = (options as Record<string, unknown>)[key];
    if (value !== undefined) defined[key] = value;
  }
  // Every key kept is one of ky's options with a value of its type: only the undefined ones are gone.
  return defined;
}
