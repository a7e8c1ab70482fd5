/**
 * Reads what billing needs from an OpenAI embeddings answer without decoding its vectors, so the
 * answer's bytes can go to an OpenAI-speaking client as the vendor wrote them (DESIGN.md §2,
 * pass-through). Decoding 16 × 1536 floats with JSON.parse and encoding them again with
 * JSON.stringify was most of the relay's cost: the bench's CPU profile (2026-12-06) put
 * `readJsonBody` at 8.5% and `sendJson` at 9.1% of the process's time, plus the garbage of ~25,000
 * numbers per request, for ~14,000 µs of CPU per request against the floor proxy's ~1,800.
 * Measured on that answer (16 × 1536 floats, 521 kB): JSON.parse ~5.7 ms and JSON.stringify
 * ~2.2–2.8 ms; this scan ~0.9 ms, most of it the regular expression over the numbers' text.
 *
 * The scan cuts each `"embedding": [...]` (or base64 `"..."`) out of the text, checks what it cut
 * (a JSON list of numbers, or base64 characters) and parses the small rest, the skeleton, with
 * JSON.parse, so everything but the vectors' contents is checked by the real JSON parser. Anything
 * unexpected (entries out of `index` order, another format than the one asked, no usage, text that
 * is not JSON) answers undefined: the caller then decodes the whole answer the ordinary way, which
 * sorts the vectors, converts the format, or fails cleanly as a malformed answer.
 */

import type { ForwardableEmbeddings } from '../../embeddings/embedding-types.js';

const EMBEDDING_KEY = Buffer.from('"embedding"');
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const SPACE = '[ \\t\\n\\r]*';
/** The inside of a JSON list of numbers (possibly empty). */
const NUMBER_LIST = new RegExp(`^${SPACE}(?:${NUMBER}(?:${SPACE},${SPACE}${NUMBER})*)?${SPACE}$`);
/** The inside of a base64 string (no escapes: base64 has none). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Buffer, from: number): number {
  let at = from;
  while (isSpace(bytes[at])) at++;
  return at;
}

/** One vector's value: where it starts and ends (exclusive), and its kind. */
interface VectorSpan {
  start: number;
  end: number;
  kind: 'float' | 'base64';
}

/** The next `"embedding": <value>` after `from`, or undefined when there is none; null when one is malformed. */
function nextVector(bytes: Buffer, from: number): VectorSpan | undefined | null {
  let search = from;
  for (;;) {
    const key = bytes.indexOf(EMBEDDING_KEY, search);
    if (key < 0) return undefined;
    const colon = skipSpace(bytes, key + EMBEDDING_KEY.length);
    search = key + EMBEDDING_KEY.length;
    if (bytes[colon] !== COLON) continue; // the word as a value ("model": "embedding"), not a key
    const start = skipSpace(bytes, colon + 1);
    const opener = bytes[start];
    if (opener === OPEN_BRACKET) {
      const end = bytes.indexOf(CLOSE_BRACKET, start + 1);
      if (end < 0) return null;
      return NUMBER_LIST.test(bytes.toString('latin1', start + 1, end)) ? { start, end: end + 1, kind: 'float' } : null;
    }
    if (opener === QUOTE) {
      const end = bytes.indexOf(QUOTE, start + 1);
      if (end < 0) return null;
      return BASE64.test(bytes.toString('latin1', start + 1, end)) ? { start, end: end + 1, kind: 'base64' } : null;
    }
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The usage of an OpenAI embeddings answer that can be forwarded as it is: `inputCount` entries
 * in `index` order, each vector in `format`, and `usage.prompt_tokens`. Undefined otherwise.
 */
export function scanForwardableEmbeddings(
  bytes: Buffer,
  inputCount: number,
  format: 'float' | 'base64',
): ForwardableEmbeddings | undefined {
  const pieces: string[] = [];
  let copied = 0;
  let vectors = 0;
  for (;;) {
    const span = nextVector(bytes, copied);
    if (span === null) return undefined;
    if (span === undefined) break;
    if (span.kind !== format) return undefined;
    pieces.push(bytes.toString('utf8', copied, span.start), format === 'float' ? '[]' : '""');
    copied = span.end;
    vectors++;
  }
  if (vectors !== inputCount) return undefined;
  pieces.push(bytes.toString('utf8', copied));
  let skeleton: unknown;
  try {
    skeleton = JSON.parse(pieces.join(''));
  } catch {
    return undefined;
  }
  return forwardableSkeleton(skeleton, inputCount);
}

/** The checks on the answer without its vectors' contents (each now `[]` or `""`). */
function forwardableSkeleton(skeleton: unknown, inputCount: number): ForwardableEmbeddings | undefined {
  if (!isRecord(skeleton) || !Array.isArray(skeleton.data) || skeleton.data.length !== inputCount) return undefined;
  const inOrder = skeleton.data.every(
    (entry: unknown, position: number) =>
      isRecord(entry) && entry.index === position && (Array.isArray(entry.embedding) || entry.embedding === ''),
  );
  if (!inOrder) return undefined;
  const usage = skeleton.usage;
  const promptTokens = isRecord(usage) ? usage.prompt_tokens : undefined;
  if (typeof promptTokens !== 'number' || !Number.isInteger(promptTokens) || promptTokens < 0) return undefined;
  const forwardable: ForwardableEmbeddings = { promptTokens };
  if (typeof skeleton.model === 'string') forwardable.model = skeleton.model;
  return forwardable;
}
