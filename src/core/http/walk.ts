import { HTTP_LIMITS } from './limits.ts';

/**
 * Visits the strings and numbers of a parsed body, depth first in key order, within fixed
 * bounds on depth and count. The visitor returns true to stop. Never throws: a getter or proxy
 * that throws ends the walk.
 */
export function walkScalars(value: unknown, visit: (scalar: string | number, key: string | undefined) => boolean): void {
  let budget = HTTP_LIMITS.walkNodes;
  const seen = new Set<object>();
  const step = (node: unknown, key: string | undefined, depth: number): boolean => {
    budget -= 1;
    if (budget < 0) return true;
    if (typeof node === 'string' || typeof node === 'number') return visit(node, key);
    if (typeof node !== 'object' || node === null || depth >= HTTP_LIMITS.walkDepth || seen.has(node)) return false;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (step(item, key, depth + 1)) return true;
      return false;
    }
    for (const name of Object.keys(node)) {
      if (step((node as Record<string, unknown>)[name], name, depth + 1)) return true;
    }
    return false;
  };
  try {
    step(value, undefined, 0);
  } catch {
    // A hostile value: what was visited before it threw stands.
  }
}

/** True when some string in the body or its text contains `needle` (lower case), within the scan cap. */
export function mentions(json: unknown, text: string | undefined, needle: string): boolean {
  if (text !== undefined) return text.slice(0, HTTP_LIMITS.scanChars).toLowerCase().includes(needle);
  let found = false;
  walkScalars(json, (scalar) => {
    found = typeof scalar === 'string' && scalar.slice(0, HTTP_LIMITS.scanChars).toLowerCase().includes(needle);
    return found;
  });
  return found;
}
