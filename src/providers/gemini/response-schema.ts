import { z } from 'zod';

/**
 * Lenient schemas for what Gemini sends back: unknown fields are tolerated (and dropped), every
 * field is optional. Usage metadata keeps unknown fields so the raw object survives for logs.
 */

/** One piece of a streamed function call's arguments (`functionCall.partialArgs[]`, Gemini 3 / Vertex). */
export const partialArgumentSchema = z.object({
  jsonPath: z.string(),
  stringValue: z.string().optional(),
  numberValue: z.number().optional(),
  boolValue: z.boolean().optional(),
  nullValue: z.unknown().optional(),
  willContinue: z.boolean().optional(),
});

export const functionCallSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  args: z.record(z.string(), z.unknown()).nullish(),
  partialArgs: z.array(partialArgumentSchema).optional(),
  willContinue: z.boolean().optional(),
});

export const responsePartSchema = z.object({
  text: z.string().optional(),
  /** Media the model produced (image models answer with `image/png` parts). */
  inlineData: z.object({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  functionCall: functionCallSchema.optional(),
});

export const candidateSchema = z.object({
  index: z.number().optional(),
  content: z
    .object({
      role: z.string().optional(),
      parts: z.array(responsePartSchema).optional(),
    })
    .optional(),
  finishReason: z.string().optional(),
  finishMessage: z.string().optional(),
  logprobsResult: z.unknown().optional(),
  /** Grounding with Google Search: the queries it ran are billed (grounding-searches.ts). */
  groundingMetadata: z.looseObject({ webSearchQueries: z.array(z.string()).optional() }).optional(),
});

export const usageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
  /** The prompt's tokens by modality (`TEXT`, `AUDIO`...); audio sent in the prompt is counted here. */
  promptTokensDetails: z
    .array(z.looseObject({ modality: z.string().optional(), tokenCount: z.number().optional() }))
    .optional()
    .catch(undefined),
  /** The answer's tokens by modality (`TEXT`, `IMAGE`, `AUDIO`); image and audio models report theirs here. */
  candidatesTokensDetails: z
    .array(z.looseObject({ modality: z.string().optional(), tokenCount: z.number().optional() }))
    .optional()
    .catch(undefined),
});

export const errorObjectSchema = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  status: z.string().optional(),
  details: z.array(z.looseObject({ '@type': z.string().optional() })).optional(),
});

export const generateContentResponseSchema = z.object({
  candidates: z.array(candidateSchema).optional(),
  promptFeedback: z
    .object({
      blockReason: z.string().optional(),
      blockReasonMessage: z.string().optional(),
    })
    .optional(),
  usageMetadata: usageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
  createTime: z.string().optional(),
  error: errorObjectSchema.optional(),
});

export type GeminiPartialArgument = z.infer<typeof partialArgumentSchema>;
export type GeminiResponseFunctionCall = z.infer<typeof functionCallSchema>;
export type GeminiResponsePart = z.infer<typeof responsePartSchema>;
export type GeminiCandidate = z.infer<typeof candidateSchema>;
export type GeminiUsageMetadata = z.infer<typeof usageMetadataSchema>;
export type GeminiErrorObject = z.infer<typeof errorObjectSchema>;
export type GeminiGenerateContentResponse = z.infer<typeof generateContentResponseSchema>;
