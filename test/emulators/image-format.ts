/**
 * Image answers for the emulators: OpenAI's `POST {base}/images/generations` and `/images/edits`
 * (JSON, or SSE `image_generation.*` / `image_edit.*` events with partial images), Gemini's
 * image-output generateContent and Imagen's `:predict`. Images are tiny real PNGs whose pixel
 * color is derived from the prompt and index, so a test can tell them apart; usage follows the
 * vendors' tables (gpt-image-1's output tokens by size and quality; Gemini 2.5's 1,290 per image)
 * unless the script's `usage` overrides it.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { estimateTokens } from './tokens.js';
import type { Json, ScriptStep } from './types.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2x2 RGB PNG of one color. */
export function tinyPng(rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.from([0, ...rgb, ...rgb]);
  const pixels = deflateSync(Buffer.concat([row, row]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The emulators' image for a prompt: base64 of a tiny PNG colored by hash(model, prompt, index, stage). */
export function emulatedImage(model: string, prompt: string, index: number, stage = 'final'): string {
  const digest = createHash('sha256').update(`${model}\u0000${prompt}\u0000${index}\u0000${stage}`).digest();
  return tinyPng([digest[0], digest[1], digest[2]]).toString('base64');
}

/** gpt-image-1's output tokens per image (OpenAI's table); `auto` is the high 1024x1024 cell. */
const GPT_IMAGE_OUTPUT: Record<string, Record<string, number>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};
/** Input image tokens the emulator bills per uploaded file (gpt-image-1: 65 + 129 per 512 tile, 2x2 tiles). */
export const EMULATED_INPUT_IMAGE_TOKENS = 581;
/** Gemini 2.5 Flash Image bills 1,290 tokens per image up to 1024x1024. */
export const GEMINI_IMAGE_TOKENS = 1290;

export function isGptImageModel(model: string): boolean {
  return /^(gpt-image-|chatgpt-image)/.test(model);
}

interface OpenAIImageRequest {
  model: string;
  prompt: string;
  n: number;
  size: string;
  quality: string;
  stream: boolean;
  partialImages: number;
  responseFormat: string;
  outputFormat: string;
  background: string;
  inputImages: number;
  edit: boolean;
}

/** The request's parameters, from JSON (generations) or the parsed form (edits: strings, `files`). */
export function openaiImageRequest(body: Json, edit: boolean): OpenAIImageRequest {
  const b = body ?? {};
  const files = b.files ?? {};
  const inputImages = (files.image?.length ?? 0) + (files['image[]']?.length ?? 0);
  const model = String(b.model ?? '');
  const gpt = isGptImageModel(model);
  return {
    model,
    prompt: String(b.prompt ?? ''),
    n: Number(b.n ?? 1),
    size: String(b.size ?? (gpt ? '1024x1024' : '1024x1024')),
    quality: String(b.quality ?? (gpt ? 'high' : 'standard')),
    stream: b.stream === true || b.stream === 'true',
    partialImages: Number(b.partial_images ?? 0),
    responseFormat: String(b.response_format ?? 'url'),
    outputFormat: String(b.output_format ?? 'png'),
    background: String(b.background === 'transparent' ? 'transparent' : 'opaque'),
    inputImages,
    edit,
  };
}

function gptUsage(request: OpenAIImageRequest, step: ScriptStep, images: number): Json {
  const size = request.size === 'auto' ? '1024x1024' : request.size;
  const quality = request.quality === 'auto' ? 'high' : request.quality;
  const perImage = GPT_IMAGE_OUTPUT[quality]?.[size] ?? 4160;
  const textTokens = estimateTokens(request.prompt);
  const imageTokens = request.inputImages * EMULATED_INPUT_IMAGE_TOKENS;
  const inputTokens = step.usage?.inputTokens ?? textTokens + imageTokens;
  const outputTokens = step.usage?.outputTokens ?? perImage * images;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { text_tokens: inputTokens - imageTokens, image_tokens: imageTokens },
    output_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    output_tokens_details: { image_tokens: outputTokens, text_tokens: 0 },
  };
}

/** OpenAI's ImagesResponse for the request. */
export function openaiImagesBody(request: OpenAIImageRequest, step: ScriptStep, created: number): Json {
  const gpt = isGptImageModel(request.model);
  const data = Array.from({ length: request.n }, (_, index) => {
    const image = emulatedImage(request.model, request.prompt, index);
    if (gpt || request.responseFormat === 'b64_json') {
      const item: Json = { b64_json: image };
      if (request.model.startsWith('dall-e-3')) item.revised_prompt = `${request.prompt} (revised)`;
      return item;
    }
    const item: Json = {
      url: `https://oaidalleapiprodscus.blob.core.windows.net/private/img-${index}.png?sig=emulated`,
    };
    if (request.model.startsWith('dall-e-3')) item.revised_prompt = `${request.prompt} (revised)`;
    return item;
  });
  if (!gpt) return { created, data };
  return {
    created,
    background: request.background,
    data,
    output_format: request.outputFormat,
    quality: request.quality === 'auto' ? 'high' : request.quality,
    size: request.size === 'auto' ? '1024x1024' : request.size,
    usage: gptUsage(request, step, request.n),
  };
}

/** The stream's frames: per image, `partial_images` partial events, then its completed event with its usage. */
export function openaiImageStreamFrames(request: OpenAIImageRequest, step: ScriptStep, created: number): string[] {
  const prefix = request.edit ? 'image_edit' : 'image_generation';
  const common = {
    created_at: created,
    size: request.size === 'auto' ? '1024x1024' : request.size,
    quality: request.quality === 'auto' ? 'high' : request.quality,
    background: request.background,
    output_format: request.outputFormat,
  };
  const frames: string[] = [];
  const event = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const perImageStep: ScriptStep = step.usage
    ? { usage: { inputTokens: step.usage.inputTokens, outputTokens: step.usage.outputTokens } }
    : {};
  for (let index = 0; index < request.n; index++) {
    for (let partial = 0; partial < request.partialImages; partial++) {
      const b64 = emulatedImage(request.model, request.prompt, index, `partial-${partial}`);
      frames.push(event(`${prefix}.partial_image`, { b64_json: b64, ...common, partial_image_index: partial }));
    }
    const b64 = emulatedImage(request.model, request.prompt, index);
    frames.push(event(`${prefix}.completed`, { b64_json: b64, ...common, usage: gptUsage(request, perImageStep, 1) }));
  }
  return frames;
}

/** OpenAI's refusal of a prompt its safety system blocks (HTTP 400). */
export const OPENAI_MODERATION_BLOCKED = {
  message:
    'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID.',
  type: 'image_generation_user_error',
  param: null,
  code: 'moderation_blocked',
};

/** A Gemini image-output generateContent answer: a short text part and one inlineData image (or a safety stop). */
export function geminiImageBody(model: string, body: Json, step: ScriptStep, responseId: string): Json {
  const parts = body?.contents?.at(-1)?.parts ?? [];
  const prompt = parts.map((part: Json) => part?.text ?? '').join('');
  const inputImages = parts.filter((part: Json) => part?.inlineData).length;
  const textTokens = estimateTokens(prompt);
  const inputImageTokens = inputImages * 258;
  const promptTokenCount = step.usage?.inputTokens ?? textTokens + inputImageTokens;
  const promptTokensDetails = [{ modality: 'TEXT', tokenCount: promptTokenCount - inputImageTokens }];
  if (inputImageTokens > 0) promptTokensDetails.push({ modality: 'IMAGE', tokenCount: inputImageTokens });
  if (step.refusal) {
    return {
      candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'IMAGE_SAFETY', index: 0 }],
      usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount, promptTokensDetails },
      modelVersion: model,
      responseId,
    };
  }
  const imageTokens = step.usage?.outputTokens ?? GEMINI_IMAGE_TOKENS;
  const text = step.text ?? 'Here is your image.';
  const textTokensOut = estimateTokens(text);
  return {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [{ text }, { inlineData: { mimeType: 'image/png', data: emulatedImage(model, prompt, 0) } }],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount,
      candidatesTokenCount: imageTokens + textTokensOut,
      totalTokenCount: promptTokenCount + imageTokens + textTokensOut,
      promptTokensDetails,
      candidatesTokensDetails: [
        { modality: 'TEXT', tokenCount: textTokensOut },
        { modality: 'IMAGE', tokenCount: imageTokens },
      ],
    },
    modelVersion: model,
    responseId,
  };
}

/** Imagen's `:predict` answer: `sampleCount` images, then the prompt's safety attributes (as Vertex sends). */
export function imagenPredictBody(model: string, body: Json, step: ScriptStep): Json {
  const prompt = String(body?.instances?.[0]?.prompt ?? '');
  const count = Number(body?.parameters?.sampleCount ?? 4);
  const mimeType = String(body?.parameters?.outputOptions?.mimeType ?? 'image/png');
  if (step.refusal)
    return {
      predictions: [{ raiFilteredReason: 'Your current safety filter threshold filtered out the generated images.' }],
    };
  const predictions: Json[] = Array.from({ length: count }, (_, index) => ({
    mimeType,
    bytesBase64Encoded: emulatedImage(model, prompt, index),
  }));
  predictions.push({ contentType: 'Positive Prompt', safetyAttributes: { categories: [], scores: [] } });
  return { predictions };
}
