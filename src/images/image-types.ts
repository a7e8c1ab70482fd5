/**
 * Image generation and editing in AIHub's own terms, between the `/v1/images/*` surface (OpenAI's
 * shape) and the vendors behind it: OpenAI's GPT image models and DALL·E (`/images/*`), Gemini's
 * image-output models (generateContent) and Imagen (`:predict`).
 */

/** `generation`: `POST /v1/images/generations` (JSON). `edit`: `POST /v1/images/edits` (multipart). */
export type ImageOperation = 'generation' | 'edit';

/** One uploaded file of an edit: its bytes as received, with the name and type the client gave. */
export interface ImageUpload {
  bytes: Uint8Array;
  filename: string;
  /** The part's content type (`image/png`...); `application/octet-stream` when the client sent none. */
  contentType: string;
}

export interface ImageRequest {
  operation: ImageOperation;
  model: string;
  prompt: string;
  /** Images to make, 1 to 10 (dall-e-3: 1). */
  n: number;
  /** `WIDTHxHEIGHT` or `auto`; undefined: the model's default. */
  size?: string;
  /** `standard` / `hd` (DALL·E), `low` / `medium` / `high` / `auto` (GPT image models). */
  quality?: string;
  /** DALL·E only: a URL (valid an hour) or base64 in the answer. */
  responseFormat?: 'url' | 'b64_json';
  /** dall-e-3 only: `vivid` or `natural`. */
  style?: string;
  /** GPT image models only. */
  background?: string;
  outputFormat?: string;
  outputCompression?: number;
  moderation?: string;
  /** Edits with GPT image models: `high` or `low`. */
  inputFidelity?: string;
  /** Stream partial images as server-sent events (GPT image models). */
  stream: boolean;
  /** How many partial images to stream before the final one, 0 to 3. */
  partialImages?: number;
  user?: string;
  /** Edits: the images to edit, in order (the mask applies to the first). */
  images: ImageUpload[];
  mask?: ImageUpload;
}

export interface GeneratedImage {
  b64Json?: string;
  url?: string;
  /** dall-e-3 rewrites the prompt and says how. */
  revisedPrompt?: string;
  /** The image's media type where the vendor names it (Gemini, Imagen). */
  mimeType?: string;
}

/** Token usage as the token-priced image models report it (GPT image models, Gemini image output). */
export interface ImageTokenUsage {
  /** Every input token: text and images. */
  inputTokens: number;
  inputTextTokens?: number;
  inputImageTokens?: number;
  /** Every output token: the images', plus any text (Gemini answers with some). */
  outputTokens: number;
  outputImageTokens?: number;
  outputTextTokens?: number;
  /** The vendor's own usage object, for the log. */
  raw?: unknown;
}

export interface ImageResult {
  images: GeneratedImage[];
  /** Unix seconds, as the vendor stamped the answer (OpenAI's `created`). */
  created?: number;
  /** Token usage, for token-priced models; undefined for per-image models (DALL·E, Imagen). */
  usage?: ImageTokenUsage;
  /** What the GPT image models say they made (echoed in OpenAI's answer). */
  background?: string;
  outputFormat?: string;
  size?: string;
  quality?: string;
}
