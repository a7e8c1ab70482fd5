/**
 * Embedding answers for the emulators: OpenAI's `POST {base}/embeddings` (also the compatible
 * vendors) and Gemini's `:batchEmbedContents` / `:embedContent`. Vectors are deterministic (a
 * hash of the model, the input and its position in the vector), unit length, so a test can
 * recompute what any input must come back as, and check order and dimensions.
 */
import { createHash } from 'node:crypto';
import { estimateTokens } from './tokens.js';
import type { Json, ScriptStep } from './types.js';

/** Dimensions a model answers with when the request names none (the vendors' documented defaults). */
const DEFAULT_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-large': 3072,
  'gemini-embedding-001': 3072,
  'text-embedding-004': 768,
  'mistral-embed': 1024,
};
const FALLBACK_DIMENSIONS = 1536;

export function defaultEmbeddingDimensions(model: string): number {
  return DEFAULT_DIMENSIONS[model] ?? FALLBACK_DIMENSIONS;
}

/** The emulators' vector for an input (text, or token ids joined): unit length, float32-exact. */
export function emulatedEmbedding(model: string, input: string, dimensions: number): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${model}\u0000${input}\u0000${block}`).digest();
    for (let offset = 0; offset + 2 <= digest.length && raw.length < dimensions; offset += 2) {
      raw.push(digest.readUInt16LE(offset) / 32768 - 1);
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/** What an OpenAI input item embeds as: the text, or its token ids. */
function inputKey(item: unknown): string {
  return typeof item === 'string' ? item : `tokens:${(item as number[]).join(',')}`;
}

/** OpenAI's `input` as a list of items: one string or token array, or a list of them. */
export function openaiEmbeddingInputs(input: Json): Array<string | number[]> {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'number')) return [input];
  return Array.isArray(input) ? input : [];
}

function base64Float32(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString('base64');
}

/** OpenAI's answer: vectors in input order, base64 when asked, usage at chars/4 (or the script's). */
export function openaiEmbeddingsBody(body: Json, step: ScriptStep): string {
  const model = String(body.model);
  const dimensions = Number.isInteger(body.dimensions) ? body.dimensions : defaultEmbeddingDimensions(model);
  const inputs = openaiEmbeddingInputs(body.input);
  const data = inputs.map((item, index) => {
    const vector = emulatedEmbedding(model, inputKey(item), dimensions);
    return {
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? base64Float32(vector) : vector,
    };
  });
  const counted = inputs.reduce<number>(
    (sum, item) => sum + (typeof item === 'string' ? estimateTokens(item) : item.length),
    0,
  );
  const tokens = step.usage?.inputTokens ?? counted;
  return JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

/** The text of one Gemini embed request's content. */
function contentText(request: Json): string {
  const parts: Json[] = Array.isArray(request?.content?.parts) ? request.content.parts : [];
  return parts.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

function geminiVector(model: string, request: Json): { values: number[] } {
  const dimensions = Number.isInteger(request?.outputDimensionality)
    ? request.outputDimensionality
    : defaultEmbeddingDimensions(model);
  return { values: emulatedEmbedding(model, contentText(request), dimensions) };
}

/**
 * Gemini's answers: `{embeddings: [{values}]}` for batchEmbedContents, `{embedding: {values}}` for
 * embedContent. Like gemini-embedding-001, no usage, unless the script gives one (as
 * gemini-embedding-2 reports `usageMetadata.promptTokenCount`).
 */
export function geminiEmbedBody(model: string, body: Json, batch: boolean, step: ScriptStep): Json {
  const usage =
    step.usage?.inputTokens === undefined ? {} : { usageMetadata: { promptTokenCount: step.usage.inputTokens } };
  if (!batch) return { embedding: geminiVector(model, body), ...usage };
  const requests: Json[] = Array.isArray(body.requests) ? body.requests : [];
  return { embeddings: requests.map((request) => geminiVector(model, request)), ...usage };
}
