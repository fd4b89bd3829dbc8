import { inspect } from 'node:util';

const CHAIN_DEPTH = 32;

function attempt(render: () => string): string {
  try {
    return render();
  } catch (error) {
    // A rendering that throws is a failure of its own, reported by the contract checks.
    return `[rendering threw: ${error instanceof Error ? error.message : typeof error}]`;
  }
}

function renderOne(value: unknown): string[] {
  const texts = [
    attempt(() => String(value)),
    attempt(() => JSON.stringify(value)),
    attempt(() => inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })),
  ];
  if (value instanceof Error) {
    texts.push(attempt(() => value.message), attempt(() => value.stack ?? ''), attempt(() => value.name));
  }
  return texts;
}

/**
 * Every way an error can be shown: its message, stack, String(), JSON, util.inspect with depth
 * Infinity, hidden properties and getters, and the same for each link of its cause chain.
 */
export function everyRendering(error: unknown): string {
  const texts: string[] = [];
  let link: unknown = error;
  const seen = new Set<unknown>();
  for (let depth = 0; depth < CHAIN_DEPTH && link !== undefined && link !== null && !seen.has(link); depth += 1) {
    seen.add(link);
    texts.push(...renderOne(link));
    link = typeof link === 'object' ? (link as { cause?: unknown }).cause : undefined;
  }
  return texts.join('\n');
}
