/**
 * What we send to Gemini's generateContent API (REST JSON, lowerCamelCase as in the v1beta protos).
 * Only the fields the gateway writes are typed; responses are validated in `response-schema.ts`.
 */

export interface GeminiInlineData {
  mimeType: string;
  /** base64 bytes */
  data: string;
}

export interface GeminiFileData {
  fileUri: string;
  mimeType?: string;
}

export interface GeminiFunctionCall {
  name: string;
  args: Record<string, unknown>;
}

export interface GeminiFunctionResponse {
  name: string;
  response: Record<string, unknown>;
}

/** One part of a content. Exactly one data field is set; `thought`/`thoughtSignature` are metadata. */
export interface GeminiPart {
  text?: string;
  inlineData?: GeminiInlineData;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  thought?: boolean;
  thoughtSignature?: string;
}

export type GeminiRole = 'user' | 'model';

export interface GeminiContent {
  role: GeminiRole;
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Full JSON Schema (`FunctionDeclaration.parameters_json_schema`), used instead of the OpenAPI subset. */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiTool {
  functionDeclarations: GeminiFunctionDeclaration[];
}

export type GeminiFunctionCallingMode = 'AUTO' | 'NONE' | 'ANY';

export interface GeminiToolConfig {
  functionCallingConfig: {
    mode: GeminiFunctionCallingMode;
    allowedFunctionNames?: string[];
  };
}

export type GeminiThinkingLevel = 'low' | 'high';

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  /** Gemini 3 models: coarse level instead of a budget. */
  thinkingLevel?: GeminiThinkingLevel;
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  candidateCount?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseLogprobs?: boolean;
  logprobs?: number;
  responseMimeType?: string;
  /** Full JSON Schema for structured output (`GenerationConfig.response_json_schema`). */
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
  /** `TEXT`, `IMAGE`, `AUDIO`: what the answer may contain (image models: `IMAGE` and `TEXT`). */
  responseModalities?: GeminiModality[];
  imageConfig?: GeminiImageConfig;
}

export type GeminiModality = 'TEXT' | 'IMAGE' | 'AUDIO';

export interface GeminiImageConfig {
  aspectRatio?: string;
  imageSize?: string;
}

export interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
  /** Function declarations, and Google's built-in tools as a Gemini client wrote them. */
  tools?: Array<GeminiTool | Record<string, unknown>>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  /** Gemini-only fields a Gemini client sent (gemini-only-fields.ts). */
  safetySettings?: unknown;
  cachedContent?: unknown;
  labels?: unknown;
}
