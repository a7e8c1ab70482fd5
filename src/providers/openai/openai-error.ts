import { GatewayError, type GatewayErrorKind, kindForUpstreamStatus, parseRetryAfter } from '../../ir/index.js';
import { asArray, asNonEmptyString, asNumber, asObject, asString } from './json.js';

type Headers = Record<string, string | string[] | undefined>;

interface ErrorFields {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  /** An HTTP status found inside the body (OpenRouter numeric `code`, Groq `status_code`). */
  status?: number;
}

const MAX_MESSAGE_LENGTH = 1000;

/** Maps a non-2xx answer to a GatewayError. Raw HTML (a proxy's error page) never reaches the message. */
export function decodeOpenAIError(status: number, headers: Headers, bodyText: string): GatewayError {
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    payload = undefined;
  }
  const fields = payload === undefined ? plainTextFields(bodyText) : readErrorFields(payload);
  return buildError(fields, status, headers, kindForUpstreamStatus(status));
}

/**
 * An error that arrived inside a 2xx answer: a JSON body or a stream chunk holding `{error: ...}`.
 * Returns undefined when the payload carries no error.
 */
export function errorFromPayload(payload: unknown): GatewayError | undefined {
  const object = asObject(payload);
  if (!object || object.error === undefined || object.error === null) return undefined;
  const fields = readErrorFields(object);
  const fallback: GatewayErrorKind =
    fields.status !== undefined ? kindForUpstreamStatus(fields.status) : 'upstream_error';
  return buildError(fields, fields.status, {}, fallback);
}

function buildError(
  fields: ErrorFields,
  status: number | undefined,
  headers: Headers,
  fallback: GatewayErrorKind,
): GatewayError {
  const kind = refineKind(fallback, fields);
  return new GatewayError({
    kind,
    message:
      fields.message ?? (status !== undefined ? `upstream returned HTTP ${status}` : 'upstream reported an error'),
    param: fields.param ?? null,
    code: fields.code ?? null,
    // Exhausted quota on this key says nothing about another channel's key.
    retryable: kind === 'insufficient_quota' ? true : undefined,
    retryAfterMs: parseRetryAfter(headers),
    upstreamStatus: status,
    upstreamType: fields.type,
  });
}

function refineKind(kind: GatewayErrorKind, fields: ErrorFields): GatewayErrorKind {
  const byCode = kindForCode(fields.code) ?? kindForCode(fields.type);
  if (byCode) return byCode;
  if (kind === 'upstream_error' && fields.type === 'invalid_request_error') return 'invalid_request';
  return kind;
}

function kindForCode(code: string | undefined): GatewayErrorKind | undefined {
  switch (code) {
    case 'insufficient_quota':
      return 'insufficient_quota';
    case 'invalid_api_key':
    case 'authentication_error':
      return 'authentication';
    case 'context_length_exceeded':
      return 'invalid_request';
    case 'model_not_found':
      return 'not_found';
    case 'rate_limit_exceeded':
      return 'rate_limit';
    default:
      return undefined;
  }
}

function readErrorFields(payload: unknown): ErrorFields {
  const list = asArray(payload);
  const object = asObject(list ? list[0] : payload);
  if (!object) return {};
  const error = object.error;
  if (typeof error === 'string') return { message: sanitize(error) };
  const envelope = asObject(error) ?? object;
  const rawCode = envelope.code;
  const fields: ErrorFields = {
    message: messageOf(envelope.message) ?? messageOf(envelope.detail) ?? messageOf(object.detail),
    type: asNonEmptyString(envelope.type) ?? asNonEmptyString(envelope.status),
    code: typeof rawCode === 'string' && rawCode !== '' ? rawCode : undefined,
    param: asNonEmptyString(envelope.param),
    status: asNumber(envelope.status_code) ?? httpStatus(rawCode) ?? httpStatus(envelope.status),
  };
  // OpenRouter wraps a provider's error: its own message is generic, the provider's text is in metadata.raw.
  const raw = asString(asObject(envelope.metadata)?.raw);
  if (raw && fields.message) fields.message = sanitize(`${fields.message}: ${raw}`);
  return fields;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : sanitize(value);
  if (value === undefined || value === null) return undefined;
  return sanitize(JSON.stringify(value));
}

function httpStatus(value: unknown): number | undefined {
  const status = asNumber(value);
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

function plainTextFields(bodyText: string): ErrorFields {
  const text = bodyText.trim();
  if (text === '' || looksLikeMarkup(text)) return {};
  return { message: sanitize(text) };
}

function sanitize(message: string): string | undefined {
  const text = message.trim();
  if (text === '' || looksLikeMarkup(text)) return undefined;
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

function looksLikeMarkup(text: string): boolean {
  return /<\s*(!doctype|html|head|body|title|center|h1|div|p)\b/i.test(text);
}
