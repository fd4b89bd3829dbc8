import { inspect } from 'node:util';
import { CATEGORIES, RETRY_ADVICE } from '../../src/core/category.ts';
import { GameServiceError, isGameServiceError } from '../../src/core/error.ts';
import type { Service } from '../../src/core/service.ts';

/** Longest JSON an error may render to: what it keeps of a raw answer is bounded, whatever the answer. */
export const MAX_JSON_CHARS = 512 * 1024;

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

function attempt<T>(label: string, problems: string[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    problems.push(`${label} threw: ${error instanceof Error ? error.message : typeof error}`);
    return undefined;
  }
}

/**
 * Every way a value can fail the GameServiceError contract, as readable lines; empty when it
 * meets it. Checks each field, then that every rendering (JSON, inspect, string) works.
 */
export function contractProblems(value: unknown, service: Service): string[] {
  const problems: string[] = [];
  if (!(value instanceof GameServiceError) || !isGameServiceError(value)) return [`not a GameServiceError of this realm: ${typeof value}`];
  const error: GameServiceError = value;
  const field = <T>(name: string, read: () => T): T | undefined => attempt(`reading ${name}`, problems, read);
  const got = {
    service: field('service', () => error.service),
    code: field('code', () => error.code as unknown),
    category: field('category', () => error.category as unknown),
    retry: field('retry', () => error.retry as unknown),
    retryable: field('retryable', () => error.retryable as unknown),
    message: field('message', () => error.message as unknown),
    name: field('name', () => error.name as unknown),
    description: field('description', () => error.description as unknown),
    status: field('status', () => error.status as unknown),
    retryAfterMs: field('retryAfterMs', () => error.retryAfterMs as unknown),
  };
  if (got.service !== service) problems.push(`service is ${String(got.service)}, not ${service}`);
  if (typeof got.code !== 'string' || got.code.length === 0) problems.push(`code is not a non-empty string: ${typeof got.code}`);
  if (!(CATEGORIES as readonly unknown[]).includes(got.category)) problems.push(`category ${String(got.category)} is not in CATEGORIES`);
  if (!(RETRY_ADVICE as readonly unknown[]).includes(got.retry)) problems.push(`retry ${String(got.retry)} is not in RETRY_ADVICE`);
  if (got.retryable !== (got.retry !== 'never')) problems.push(`retryable ${String(got.retryable)} disagrees with retry ${String(got.retry)}`);
  if (typeof got.message !== 'string' || got.message.length === 0) problems.push('message is not a non-empty string');
  if (got.name !== 'GameServiceError') problems.push(`name is ${String(got.name)}`);
  if (typeof got.description !== 'string') problems.push('description is not a string');
  if (got.status !== undefined && !(typeof got.status === 'number' && Number.isInteger(got.status) && got.status >= 100 && got.status <= 599)) {
    problems.push(`status ${describe(got.status)} is not an HTTP status`);
  }
  if (got.retryAfterMs !== undefined && !(typeof got.retryAfterMs === 'number' && Number.isFinite(got.retryAfterMs) && got.retryAfterMs >= 0)) {
    problems.push(`retryAfterMs ${describe(got.retryAfterMs)} is not a finite wait`);
  }
  const json = attempt('JSON.stringify', problems, () => JSON.stringify(error));
  if (json !== undefined) {
    if (json.length > MAX_JSON_CHARS) problems.push(`JSON is ${String(json.length)} characters, over ${String(MAX_JSON_CHARS)}`);
    const parsed = attempt('JSON.parse of its JSON', problems, () => JSON.parse(json) as Record<string, unknown>);
    if (parsed !== undefined && (parsed.code !== got.code || parsed.category !== got.category || parsed.service !== service)) {
      problems.push('JSON disagrees with the fields');
    }
  }
  attempt('util.inspect', problems, () => inspect(error));
  attempt('util.inspect (depth Infinity, showHidden)', problems, () => inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  attempt('String()', problems, () => String(error));
  attempt('stack', problems, () => String(error.stack));
  return problems;
}

type Snapshot = Map<string, Map<PropertyKey, readonly unknown[]>>;

const WATCHED: Readonly<Record<string, object>> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
  'Error.prototype': Error.prototype,
};

/** Every own property of the built-in prototypes, by identity of value or accessor. */
export function prototypeSnapshot(): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const [name, prototype] of Object.entries(WATCHED)) {
    const properties = new Map<PropertyKey, readonly unknown[]>();
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      // Compared by identity only: the accessor functions are never called.
      properties.set(key, descriptor === undefined ? [] : [descriptor.value, Reflect.get(descriptor, 'get'), Reflect.get(descriptor, 'set')]);
    }
    snapshot.set(name, properties);
  }
  return snapshot;
}

/** What changed on the built-in prototypes between two snapshots; empty when nothing did. */
export function prototypeChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [name, properties] of after) {
    const earlier = before.get(name) ?? new Map<PropertyKey, readonly unknown[]>();
    for (const [key, parts] of properties) {
      const was = earlier.get(key);
      if (was === undefined) changes.push(`${name}.${String(key)} was added`);
      else if (was.length !== parts.length || parts.some((part, index) => part !== was[index])) changes.push(`${name}.${String(key)} was changed`);
    }
    for (const key of earlier.keys()) if (!properties.has(key)) changes.push(`${name}.${String(key)} was removed`);
  }
  const probe: Record<string, unknown> = {};
  if ('polluted' in probe || 'polluted' in []) changes.push('a plain object inherits "polluted"');
  return changes;
}
