// Deterministic identifiers in Phorge's formats. Derived from a seed so a scenario always produces the same
// PHIDs, tokens and group ids, which keeps replies comparable between runs.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += ALPHABET[(bytes[i % bytes.length] ?? 0) % ALPHABET.length];
  }
  return out;
}

export function derived(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  return encode(digest, length);
}

export function random(length: number): string {
  return encode(randomBytes(length), length);
}

/** PHID-TYPE-xxxxxxxxxxxxxxxxxxxx (20 chars), or PHID-XACT-TASK-xxxxxxxxxxxxxxx (15) for transactions. */
export function phidFor(type: string, seed: string): string {
  const tail = type.includes('-') ? 15 : 20;
  return `PHID-${type}-${derived(`${type}:${seed}`, tail)}`;
}

export function apiTokenFor(seed: string): string {
  return `api-${derived(`token:${seed}`, 28)}`;
}

export function groupIdFor(seed: string): string {
  return derived(`group:${seed}`, 32);
}
