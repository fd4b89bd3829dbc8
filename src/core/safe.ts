/** Reads that cannot throw, for values of unknown shape (hostile getters, revoked proxies). */

export function safeGet(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

export function safeString(value: unknown, key: PropertyKey): string | undefined {
  const read = safeGet(value, key);
  return typeof read === 'string' ? read : undefined;
}

export function safeNumber(value: unknown, key: PropertyKey): number | undefined {
  const read = safeGet(value, key);
  return typeof read === 'number' && Number.isFinite(read) ? read : undefined;
}

export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** `instanceof Error` that a hostile proxy cannot make throw. */
export function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}
