import { randomUUID } from 'node:crypto';
import type { ScopeKeys } from './keys.ts';
import type { RedisLink } from './link.ts';

/** The durations the scope works with, in milliseconds (see RedisScopeOptions). */
export interface ScopeTimings {
  readonly renewalLeaseMs: number;
  readonly probeLeaseMs: number;
  readonly renewalOutcomeTtlMs: number;
  readonly gateLingerMs: number;
}

/** What every shared part of one Redis scope works with. */
export interface ScopeContext {
  readonly link: RedisLink;
  readonly keys: ScopeKeys;
  /** This scope's name as an owner of leases and the sender of messages: unique per scope and process. */
  readonly owner: string;
  readonly timings: ScopeTimings;
}

/** A name no other scope in any process has. */
export function newOwner(): string {
  return randomUUID();
}

/** Reads a `[string, number]` reply of the scope's scripts; undefined for anything else. */
export function pair(reply: unknown): readonly [string, number] | undefined {
  if (!Array.isArray(reply) || reply.length < 2) return undefined;
  const [kind, value] = reply as unknown[];
  if (typeof kind !== 'string') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return [kind, Number.isFinite(number) ? number : 0];
}
