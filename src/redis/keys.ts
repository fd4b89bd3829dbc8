import { createHash } from 'node:crypto';

/**
 * Key names. Everything lives under the scope's prefix (`extralife:` unless given):
 * - `<prefix>gate:<digest>`: a closed maintenance gate (hash: key, until, error), until its wait ends plus a linger;
 * - `<prefix>gate:<digest>:probe`: the process whose call probes that gate, while it does (a lease);
 * - `<prefix>gate:<digest>:opened`: that the gate's probe was answered, for the gate's linger after;
 * - `<prefix>pause:<digest>`: a rate-limit pause of one bucket (hash: bucket, until, error), until it ends;
 * - `<prefix>renewal:<digest>`: the lease of the process renewing one rejected token;
 * - `<prefix>renewed:<digest>`: how that renewal ended (the new token, or the refusal), for a short while;
 * - `<prefix>budget`: the shared retry budget's tokens, when the budget is shared;
 * - `<prefix>events`: the pub/sub channel that keeps every process's local view current.
 * A digest is SHA-256 of the name: a rejected token never appears in a key name, and neither does a URL.
 */
export class ScopeKeys {
  readonly prefix: string;
  readonly channel: string;
  readonly budget: string;

  constructor(prefix: string) {
    this.prefix = prefix;
    this.channel = `${prefix}events`;
    this.budget = `${prefix}budget`;
  }

  gate(key: string): string {
    return `${this.prefix}gate:${digest(key)}`;
  }

  probe(key: string): string {
    return `${this.gate(key)}:probe`;
  }

  opened(key: string): string {
    return `${this.gate(key)}:opened`;
  }

  pause(bucket: string): string {
    return `${this.prefix}pause:${digest(bucket)}`;
  }

  renewalLease(tokenDigest: string): string {
    return `${this.prefix}renewal:${tokenDigest}`;
  }

  renewalOutcome(tokenDigest: string): string {
    return `${this.prefix}renewed:${tokenDigest}`;
  }

  /** A pattern matching every key of one kind, for SCAN. */
  pattern(kind: 'gate' | 'pause'): string {
    return `${escapeGlob(this.prefix)}${kind}:*`;
  }
}

/** SHA-256 of a string, hex: what stands for a token or a name in Redis. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
