/**
 * o200k, the tokenizer of current OpenAI models (gpt-tokenizer), loaded on first use and fed in
 * pieces small enough to stay fast.
 *
 * Why pieces: gpt-tokenizer's BPE is quadratic in the length of one pre-token (a run of letters,
 * of punctuation or of spaces). Measured on the 2-core development machine: 8,000 `x` took 260 ms,
 * 64,000 took 12.6 s, 8,000 CJK characters 0.8 s, while 270 KB of prose took 12 ms. So text is cut
 * into words at the end of a letter or digit followed by whitespace (where o200k's pre-tokenizer
 * starts a new pre-token anyway, so the counts add up), short words are tokenized in batches, and
 * a word longer than LONG_WORD_CHARS is never given to the BPE whole: the caller decides whether
 * it counts by its UTF-8 bytes (a bound: a token covers at least one byte) or by slices (an
 * estimate, for billing delivered output).
 *
 * The o200k tables cost ~70 MB of resident memory (measured: RSS +70 MB, heap +38 MB, about half
 * of an idle gateway), so they are loaded on the first count, which most deployments never make.
 */
import { createRequire } from 'node:module';

type CountFunction = (text: string, options: { disallowedSpecial: Set<string> }) => number;
let o200k: CountFunction | undefined;

// Special-token text (`<|endoftext|>`) in a prompt is just text to us, not a reason to throw.
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

/** Synchronous lazy load (the CommonJS build of the same package), so counting stays synchronous. */
function countPiece(text: string): number {
  o200k ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountFunction })
    .countTokens;
  return o200k(text, ENCODE_OPTIONS);
}

/** True once the o200k tables are in memory (tests check the quick path never loads them). */
export function isTokenizerLoaded(): boolean {
  return o200k !== undefined;
}

/** Words longer than this are never tokenized whole (see the top of this file). */
export const LONG_WORD_CHARS = 64;
/** Short words are tokenized together up to this many characters per call. */
const BATCH_CHARS = 4_096;

/** The end of a letter, mark or digit followed by whitespace: a pre-token boundary in o200k. */
const WORD_END = /[\p{L}\p{M}\p{N}](?=\s)/gu;

export type LongWordPolicy =
  /** Its UTF-8 byte count: never below the tokens it holds. */
  | 'bytes'
  /** Tokenized in slices of LONG_WORD_CHARS: close to the whole word's count, for estimates. */
  | 'slices';

/**
 * o200k tokens of `text`, counted word by word. With `bytes`, a bound that is never below
 * o200k's count of the whole text (the property test in o200k.test.ts attacks it); with `slices`,
 * an estimate close to it. Either way no BPE call sees more than LONG_WORD_CHARS of one word.
 */
export function countO200k(text: string, longWords: LongWordPolicy): number {
  let tokens = 0;
  let batchStart = 0;
  let wordStart = 0;
  const flushBatch = (end: number) => {
    if (end > batchStart) tokens += countPiece(text.slice(batchStart, end));
  };
  const endWord = (end: number) => {
    if (end - wordStart > LONG_WORD_CHARS) {
      flushBatch(wordStart);
      tokens += countLongWord(text.slice(wordStart, end), longWords);
      batchStart = end;
    } else if (end - batchStart > BATCH_CHARS) {
      flushBatch(wordStart);
      batchStart = wordStart;
    }
    wordStart = end;
  };
  WORD_END.lastIndex = 0;
  for (let match = WORD_END.exec(text); match !== null; match = WORD_END.exec(text)) {
    endWord(match.index + match[0].length);
  }
  endWord(text.length);
  flushBatch(text.length);
  return tokens;
}

/** How far back `wordBoundaryBefore` looks for a boundary (a longer word is cut by bytes anyway). */
const BOUNDARY_LOOKBACK_CHARS = 1_024;

/**
 * The last word boundary (as countO200k cuts) in `text` after `from` and at or before `limit`, so
 * that counting the two sides apart adds up like counting them together; `from` when there is
 * none in the last BOUNDARY_LOOKBACK_CHARS.
 */
export function wordBoundaryBefore(text: string, limit: number, from: number): number {
  if (limit >= text.length) return text.length;
  // Only the window is scanned (plus the character after it, for the lookahead): a regex left to
  // run on would scan the rest of a 30 MB word.
  const start = Math.max(from, limit - BOUNDARY_LOOKBACK_CHARS);
  const window = text.slice(start, limit + 1);
  let boundary = from;
  WORD_END.lastIndex = 0;
  for (let match = WORD_END.exec(window); match !== null; match = WORD_END.exec(window)) {
    const end = start + match.index + match[0].length;
    if (end > limit) break;
    boundary = end;
  }
  return boundary;
}

function countLongWord(word: string, policy: LongWordPolicy): number {
  if (policy === 'bytes') return Buffer.byteLength(word);
  let tokens = 0;
  for (let start = 0; start < word.length; ) {
    let end = Math.min(word.length, start + LONG_WORD_CHARS);
    // Never cut a surrogate pair: half a character would count as a replacement character.
    if (end < word.length && isHighSurrogate(word.charCodeAt(end - 1))) end -= 1;
    tokens += countPiece(word.slice(start, end));
    start = end;
  }
  return tokens;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
