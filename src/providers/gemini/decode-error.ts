import { z } from 'zod';
import { GatewayError, type GatewayErrorKind, kindForUpstreamStatus, parseRetryAfter } from '../../ir/index.js';
import { errorObjectSchema, type GeminiErrorObject } from './response-schema.js';

type Headers = Record<string, string | string[] | undefined>;

const errorEnvelopeSchema = z.object({ error: errorObjectSchema });

/** Google's canonical status names (google.rpc.Code) to our kinds; `undefined` for the rest. */
function kindForGoogleStatus(status: string | undefined): GatewayErrorKind | undefined {
  switch (status) {
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
    case 'OUT_OF_RANGE':
      return 'invalid_request';
    case 'UNAUTHENTICATED':
      return 'authentication';
    case 'PERMISSION_DENIED':
      return 'permission';
    case 'NOT_FOUND':
      return 'not_found';
    case 'RESOURCE_EXHAUSTED':
      return 'rate_limit';
    case 'UNAVAILABLE':
      return 'overloaded';
    case 'DEADLINE_EXCEEDED':
      return 'upstream_timeout';
    case 'INTERNAL':
    case 'UNKNOWN':
    case 'CANCELLED':
    case 'ABORTED':
      return 'upstream_error';
    default:
      return undefined;
  }
}

/**
 * Builds the GatewayError for Google's error object `{code, message, status, details[]}`, from an
 * HTTP error body, a 200 body that is an error in disguise, or an error chunk inside a stream.
 */
export function geminiErrorFromObject(
  error: GeminiErrorObject,
  options: { status?: number; headers?: Headers } = {},
): GatewayError {
  const httpStatus = options.status ?? error.code;
  // An invalid key is reported as 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
  const keyInvalid = detailReasons(error).some((reason) => reason === 'API_KEY_INVALID');
  const kind: GatewayErrorKind = keyInvalid
    ? 'authentication'
    : (kindForGoogleStatus(error.status) ??
      (httpStatus !== undefined && httpStatus >= 400 ? kindForUpstreamStatus(httpStatus) : 'upstream_error'));
  const message = error.message?.trim()
    ? error.message
    : `Gemini upstream error (${error.status ?? httpStatus ?? 'unknown'})`;
  return new GatewayError({
    kind,
    message,
    status: keyInvalid ? 401 : undefined,
    code: codeFor(kind, message),
    retryAfterMs: retryDelayMs(error) ?? (options.headers ? parseRetryAfter(options.headers) : undefined),
    upstreamStatus: httpStatus,
    upstreamType: error.status,
  });
}

/** Maps a non-2xx Gemini answer to a GatewayError. The body text is never copied into the message. */
export function decodeGeminiError(status: number, headers: Headers, bodyText: string): GatewayError {
  const error = readGeminiErrorEnvelope(parseJson(bodyText));
  if (error) return geminiErrorFromObject(error, { status, headers });
  return new GatewayError({
    kind: kindForUpstreamStatus(status),
    message: `Gemini upstream returned HTTP ${status}`,
    retryAfterMs: parseRetryAfter(headers),
    upstreamStatus: status,
  });
}

/** The error object when `body` is Google's envelope (also inside the array of a JSON stream). */
export function readGeminiErrorEnvelope(body: unknown): GeminiErrorObject | undefined {
  const candidate = Array.isArray(body) ? body[0] : body;
  const parsed = errorEnvelopeSchema.safeParse(candidate);
  return parsed.success ? parsed.data.error : undefined;
}

function codeFor(kind: GatewayErrorKind, message: string): string | null {
  if (kind === 'not_found' && /\bmodels\//.test(message)) return 'model_not_found';
  if (kind === 'invalid_request' && /input token count.*exceeds the maximum/i.test(message)) {
    return 'context_length_exceeded';
  }
  if (kind === 'authentication') return 'invalid_api_key';
  return null;
}

function detailReasons(error: GeminiErrorObject): string[] {
  return (error.details ?? []).flatMap((detail) => (typeof detail.reason === 'string' ? [detail.reason] : []));
}

/** `google.rpc.RetryInfo.retryDelay` is a Duration in JSON form: `"34.4s"`. */
function retryDelayMs(error: GeminiErrorObject): number | undefined {
  for (const detail of error.details ?? []) {
    if (!detail['@type']?.endsWith('google.rpc.RetryInfo')) continue;
    const match = typeof detail.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay.trim()) : null;
    if (match) return Math.ceil(Number(match[1]) * 1000);
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
