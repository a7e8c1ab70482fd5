import { GatewayError } from '../ir/index.js';
import type { EmbeddingInput, EmbeddingRequest } from './embedding-types.js';

/** OpenAI's limit on inputs per request; AIHub applies it whatever vendor serves the model. */
export const MAX_EMBEDDING_INPUTS = 2048;

function invalid(message: string, param: string | null = null): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: param ? 'invalid_value' : null });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((token) => Number.isInteger(token) && (token as number) >= 0);
}

/**
 * `input` as OpenAI takes it: a string, an array of strings, an array of token ids, or an array of
 * such arrays. Empty strings and empty token arrays are refused, as OpenAI refuses them.
 */
function decodeInput(input: unknown): EmbeddingInput {
  if (typeof input === 'string') {
    if (input === '') throw invalid("'$.input' is invalid: an input must not be empty.", 'input');
    return { kind: 'text', texts: [input] };
  }
  if (!Array.isArray(input) || input.length === 0) {
    throw invalid("'input' must be a non-empty string or array (of strings, token ids, or token-id arrays).", 'input');
  }
  let decoded: EmbeddingInput;
  if (input.every((item) => typeof item === 'string')) decoded = { kind: 'text', texts: input };
  else if (isTokenArray(input)) decoded = { kind: 'tokens', tokens: [input] };
  else if (input.every(isTokenArray)) decoded = { kind: 'tokens', tokens: input };
  else throw invalid("'input' mixes kinds: give strings, or token ids, or arrays of token ids.", 'input');
  const items = decoded.kind === 'text' ? decoded.texts : decoded.tokens;
  if (items.length > MAX_EMBEDDING_INPUTS) {
    throw invalid(
      `'input' has ${items.length} items; at most ${MAX_EMBEDDING_INPUTS} inputs are allowed per request.`,
      'input',
    );
  }
  const empty = items.findIndex((item) => item.length === 0);
  if (empty >= 0) throw invalid(`'input[${empty}]' is empty: every input needs content.`, `input[${empty}]`);
  return decoded;
}

/** Decodes an OpenAI `POST /v1/embeddings` body; throws a 400 GatewayError naming the bad field. */
export function decodeEmbeddingRequest(body: unknown): EmbeddingRequest {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object.');
  const { model, encoding_format: format, dimensions, user, task_type: taskType } = body;
  if (typeof model !== 'string' || model === '') throw invalid('you must provide a model parameter', 'model');
  if (body.input === undefined) throw invalid("Missing required parameter: 'input'.", 'input');
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    throw invalid("'encoding_format' must be 'float' or 'base64'.", 'encoding_format');
  }
  if (dimensions !== undefined && !(Number.isInteger(dimensions) && (dimensions as number) > 0)) {
    throw invalid("'dimensions' must be a positive integer.", 'dimensions');
  }
  if (user !== undefined && typeof user !== 'string') throw invalid("'user' must be a string.", 'user');
  if (taskType !== undefined && typeof taskType !== 'string')
    throw invalid("'task_type' must be a string.", 'task_type');
  const request: EmbeddingRequest = {
    model,
    input: decodeInput(body.input),
    encodingFormat: format === 'base64' ? 'base64' : 'float',
  };
  if (dimensions !== undefined) request.dimensions = dimensions as number;
  if (user !== undefined) request.user = user;
  if (taskType !== undefined) request.taskType = taskType;
  return request;
}
