import { aspectRatioFor } from '../../images/image-bounds.js';
import type { GeneratedImage, ImageRequest, ImageResult, ImageTokenUsage } from '../../images/image-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { bareModelId } from './thought-signature.js';

/**
 * Gemini's image-output models (gemini-2.5-flash-image, gemini-3-pro-image-preview...) through
 * `POST {base}/v1beta/models/{model}:generateContent`: the prompt as a text part, an edit's images
 * as inlineData parts after it, `generationConfig.responseModalities: ["IMAGE","TEXT"]` and
 * `imageConfig.aspectRatio` from the OpenAI size (`auto`: the model's default, 1:1 or the input's).
 */
export function encodeGeminiImageOutput(request: ImageRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  if (request.mask) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `${request.model} (a Gemini image model) edits by prompt and takes no mask: describe the change instead.`,
      param: 'mask',
      retryable: false,
    });
  }
  const parts: Array<Record<string, unknown>> = [{ text: request.prompt }];
  for (const image of request.images) {
    parts.push({ inlineData: { mimeType: image.contentType, data: Buffer.from(image.bytes).toString('base64') } });
  }
  const generationConfig: Record<string, unknown> = { responseModalities: ['IMAGE', 'TEXT'] };
  const aspectRatio = aspectRatioFor(request.size, 'gemini-image');
  if (aspectRatio) generationConfig.imageConfig = { aspectRatio };
  const model = bareModelId(target.model);
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify({ contents: [{ role: 'user', parts }], generationConfig }),
    },
    droppedParams: [],
  };
}

type ModalityCounts = Array<{ modality?: unknown; tokenCount?: unknown }> | undefined;

function modalityTokens(details: ModalityCounts, modality: string): number | undefined {
  if (!Array.isArray(details)) return undefined;
  const entry = details.find((item) => item?.modality === modality);
  return typeof entry?.tokenCount === 'number' ? entry.tokenCount : undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * `usageMetadata` in image terms: input split by `promptTokensDetails` modality (TEXT, IMAGE),
 * output images from `candidatesTokensDetails` (IMAGE), the rest of the candidates' tokens and
 * `thoughtsTokenCount` as output text (Gemini bills thinking as output).
 */
export function decodeGeminiImageUsage(metadata: unknown): ImageTokenUsage | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const usage = metadata as Record<string, unknown>;
  if (typeof usage.promptTokenCount !== 'number' && typeof usage.candidatesTokenCount !== 'number') return undefined;
  const inputTokens = count(usage.promptTokenCount);
  const candidates = count(usage.candidatesTokenCount);
  const thoughts = count(usage.thoughtsTokenCount);
  const promptDetails = usage.promptTokensDetails as ModalityCounts;
  const inputImage = modalityTokens(promptDetails, 'IMAGE') ?? 0;
  const outputImage = Math.min(
    modalityTokens(usage.candidatesTokensDetails as ModalityCounts, 'IMAGE') ?? 0,
    candidates,
  );
  return {
    inputTokens,
    inputTextTokens: inputTokens - inputImage,
    inputImageTokens: inputImage,
    outputTokens: candidates + thoughts,
    outputImageTokens: outputImage,
    outputTextTokens: candidates - outputImage + thoughts,
    raw: metadata,
  };
}

/** Finish reasons and block reasons that mean the vendor's safety filter refused the request. */
const REFUSALS = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'OTHER',
  'IMAGE_OTHER',
  'NO_IMAGE',
]);

export function contentPolicyRefusal(model: string, reason: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `${model} made no image: the vendor's safety system refused the request (${reason}).`,
    param: 'prompt',
    code: 'content_policy_violation',
    retryable: false,
  });
}

/** The images of the answer's inlineData parts (every candidate's, thoughts' draft images left out). */
export function geminiAnswerImages(body: unknown): GeneratedImage[] {
  const candidates = (body as { candidates?: unknown } | null)?.candidates;
  if (!Array.isArray(candidates)) return [];
  const images: GeneratedImage[] = [];
  for (const candidate of candidates) {
    const parts = (candidate as { content?: { parts?: unknown } } | null)?.content?.parts;
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const record = part as { inlineData?: { data?: unknown; mimeType?: unknown }; thought?: unknown } | null;
      const data = record?.inlineData?.data;
      if (typeof data !== 'string' || record?.thought === true) continue;
      const image: GeneratedImage = { b64Json: data };
      if (typeof record?.inlineData?.mimeType === 'string') image.mimeType = record.inlineData.mimeType;
      images.push(image);
    }
  }
  return images;
}

/**
 * A generateContent answer: its inlineData images become `data[].b64_json`, its usage the bill. An
 * answer without an image is the vendor's refusal (a block reason, a safety finish reason, or just
 * text): a 400 with code `content_policy_violation`, the client's to fix, not the upstream's fault.
 */
export function decodeGeminiImageOutput(request: ImageRequest, body: unknown): ImageResult {
  const images = geminiAnswerImages(body);
  if (images.length === 0) {
    const record = (body ?? {}) as {
      promptFeedback?: { blockReason?: unknown };
      candidates?: Array<{ finishReason?: unknown }>;
    };
    const blockReason = record.promptFeedback?.blockReason;
    const finishReason = record.candidates?.[0]?.finishReason;
    const reason =
      typeof blockReason === 'string' ? blockReason : typeof finishReason === 'string' ? finishReason : 'NO_IMAGE';
    if (REFUSALS.has(reason) || typeof blockReason === 'string' || reason === 'STOP')
      throw contentPolicyRefusal(request.model, reason);
    throw new GatewayError({
      kind: 'upstream_error',
      message: `The upstream answered without an image (finish reason ${reason}).`,
      code: 'upstream_invalid_response',
    });
  }
  const result: ImageResult = { images };
  const usage = decodeGeminiImageUsage((body as { usageMetadata?: unknown }).usageMetadata);
  if (usage) result.usage = usage;
  return result;
}
