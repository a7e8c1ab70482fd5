/**
 * Small deterministic helpers: token estimates (chars/4), text splitting, vendor-shaped ids,
 * reasoning signatures and example values generated from JSON schemas.
 */
import { createHash } from 'node:crypto';

/** Tokens for a text: ceil(chars / 4), 0 for an empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

const SKIPPED_KEYS = new Set(['role', 'type']);
const MEDIA_CHARS = 1024; // an inlined image/file counts as 256 tokens

/** Concatenated length of every string value inside `value` (keys `role`/`type` skipped, media capped). */
export function textChars(value: unknown, key?: string): number {
  if (typeof value === 'string') {
    if (key && SKIPPED_KEYS.has(key)) return 0;
    if (key === 'data' || value.startsWith('data:')) return Math.min(value.length, MEDIA_CHARS);
    return value.length;
  }
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += textChars(v);
    return n;
  }
  if (value && typeof value === 'object') {
    let n = 0;
    for (const [k, v] of Object.entries(value)) n += textChars(v, k);
    return n;
  }
  return 0;
}

/** Prompt tokens for request parts: max(1, ceil(chars/4)) over their string values. */
export function estimatePromptTokens(...parts: unknown[]): number {
  let chars = 0;
  for (const p of parts) chars += textChars(p);
  return Math.max(1, Math.ceil(chars / 4));
}

/** Splits a text into at most `n` pieces of near-equal length without breaking a code point. */
export function splitPieces(text: string, n: number): string[] {
  if (text.length === 0) return [];
  const cps = Array.from(text);
  const count = Math.max(1, Math.min(Math.floor(n) || 1, cps.length));
  const size = Math.ceil(cps.length / count);
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Deterministic base62 string of length `len` from a seed. */
export function base62(seed: string, len: number): string {
  let out = '';
  let round = 0;
  while (out.length < len) {
    const digest = createHash('sha256').update(`${seed}#${round++}`).digest();
    for (const byte of digest) {
      if (out.length >= len) break;
      out += BASE62[byte % 62];
    }
  }
  return out;
}

/** Per-emulator id source: the n-th id is the same in every run. */
export class IdSource {
  private counter = 0;
  constructor(private readonly seed: string) {}
  next(prefix: string, len: number): string {
    this.counter += 1;
    return prefix + base62(`${this.seed}:${prefix}:${this.counter}`, len);
  }
  reset(): void {
    this.counter = 0;
  }
}

/**
 * The opaque signature the emulators attach to reasoning (Anthropic `signature`, Gemini
 * `thoughtSignature`): base64 derived from the reasoning text, so tests can check it round-trips.
 */
export function signatureFor(text: string): string {
  const a = createHash('sha256').update(`emulator-signature:${text}`).digest();
  const b = createHash('sha256').update(a).digest();
  return Buffer.concat([Buffer.from('EMU1'), a, b, a]).toString('base64');
}

const CITIES = ['Paris', 'London', 'Tokyo'];

function schemaType(schema: Record<string, unknown>): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t.toLowerCase();
  if (Array.isArray(t)) {
    const first = t.find((x) => typeof x === 'string' && x.toLowerCase() !== 'null');
    return typeof first === 'string' ? first.toLowerCase() : undefined;
  }
  if (schema.properties) return 'object';
  return undefined;
}

/**
 * A deterministic value matching a JSON schema (OpenAPI-style upper-case types accepted):
 * strings named like a place get a city (variant 0 Paris, 1 London), units `celsius`, others `example`.
 */
export function exampleFromSchema(schema: unknown, variant = 0, key = ''): unknown {
  if (!schema || typeof schema !== 'object') return 'example';
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[variant % s.enum.length];
  if ('const' in s) return s.const;
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const alts = s[k];
    if (Array.isArray(alts) && alts.length > 0) {
      const alt = alts.find((a) => schemaType(a as Record<string, unknown>) !== 'null') ?? alts[0];
      return exampleFromSchema(alt, variant, key);
    }
  }
  switch (schemaType(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // Only an object lists properties: a client's string there (1 MB of it, from the fuzz suite)
      // would otherwise become an answer with a key per character, slow enough to look like a hang.
      const props =
        s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties)
          ? (s.properties as Record<string, unknown>)
          : {};
      for (const [k, v] of Object.entries(props)) out[k] = exampleFromSchema(v, variant, k);
      return out;
    }
    case 'array':
      return s.items ? [exampleFromSchema(s.items, variant, key)] : [];
    case 'integer':
    case 'number':
      return 1 + variant;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      if (/location|city|place|country|town/i.test(key)) return CITIES[variant % CITIES.length];
      if (/unit/i.test(key)) return 'celsius';
      return 'example';
  }
}

/** Tool arguments from a parameters schema; always an object. */
export function exampleArguments(schema: unknown, variant = 0): Record<string, unknown> {
  const v = exampleFromSchema(schema ?? { type: 'object' }, variant);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
