/**
 * The error envelope of each inbound API, as its SDKs parse it: OpenAI's `{"error":{message, type,
 * param, code}}`, Anthropic's `{"type":"error","error":{type, message},"request_id"}` and Google's
 * `{"error":{code, message, status}}`. Each checker returns what is wrong with a body (empty when
 * it is the envelope), and none lets a stack trace through in the message.
 */

export type Envelope = 'openai' | 'anthropic' | 'google';

const STACK_TRACE = /\bat [\w$.<>]+ \(|\.(?:ts|js|mjs):\d+:\d+|node_modules\//;

/** Anthropic's `error.type` values (its Errors page and the spec's ErrorResponse union). */
const ANTHROPIC_ERROR_TYPES = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);

/** google.rpc.Code names, which Google's JSON errors carry as `status`. */
const GOOGLE_STATUSES = new Set([
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
]);

type Parsed = { object: Record<string, unknown> } | { problem: string };

function parseObject(body: string): Parsed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: `error body is not JSON: ${body.slice(0, 120)}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { problem: `error body is not a JSON object: ${body.slice(0, 120)}` };
  return { object: parsed as Record<string, unknown> };
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function messageProblems(message: unknown): string[] {
  if (typeof message !== 'string' || message === '') return ['error.message is not a non-empty string'];
  if (STACK_TRACE.test(message)) return [`error.message shows code: ${message.slice(0, 200)}`];
  return [];
}

/** The problems of an OpenAI error envelope body; empty when it is one. */
export function openAiEnvelopeProblems(body: string): string[] {
  const parsed = parseObject(body);
  if ('problem' in parsed) return [parsed.problem];
  const error = asRecord(parsed.object.error);
  if (!error) return [`error body is not {"error":{...}}: ${body.slice(0, 120)}`];
  const problems = messageProblems(error.message);
  if (Object.keys(parsed.object).join() !== 'error')
    problems.push(`error body has keys besides "error": ${Object.keys(parsed.object).join(', ')}`);
  if (typeof error.type !== 'string' || error.type === '') problems.push('error.type is not a non-empty string');
  if (!('param' in error) || (error.param !== null && typeof error.param !== 'string'))
    problems.push('error.param is not a string or null');
  if (!('code' in error) || (error.code !== null && typeof error.code !== 'string'))
    problems.push('error.code is not a string or null');
  return problems;
}

/** The problems of an Anthropic error envelope body; empty when it is one. */
export function anthropicEnvelopeProblems(body: string): string[] {
  const parsed = parseObject(body);
  if ('problem' in parsed) return [parsed.problem];
  const error = asRecord(parsed.object.error);
  if (parsed.object.type !== 'error' || !error)
    return [`error body is not {"type":"error","error":{...}}: ${body.slice(0, 120)}`];
  const problems = messageProblems(error.message);
  const extra = Object.keys(parsed.object).filter((key) => !['type', 'error', 'request_id'].includes(key));
  if (extra.length > 0) problems.push(`error body has keys besides type, error, request_id: ${extra.join(', ')}`);
  if (!ANTHROPIC_ERROR_TYPES.has(String(error.type)))
    problems.push(`error.type ${String(error.type)} is not Anthropic's`);
  const requestId = parsed.object.request_id;
  if (requestId !== undefined && requestId !== null && typeof requestId !== 'string')
    problems.push('request_id is not a string or null');
  return problems;
}

/** The problems of a Google error envelope body; empty when it is one. */
export function googleEnvelopeProblems(body: string, status: number): string[] {
  const parsed = parseObject(body);
  if ('problem' in parsed) return [parsed.problem];
  const error = asRecord(parsed.object.error);
  if (!error) return [`error body is not {"error":{...}}: ${body.slice(0, 120)}`];
  const problems = messageProblems(error.message);
  if (Object.keys(parsed.object).join() !== 'error')
    problems.push(`error body has keys besides "error": ${Object.keys(parsed.object).join(', ')}`);
  if (error.code !== status) problems.push(`error.code ${String(error.code)} is not the HTTP status ${status}`);
  if (!GOOGLE_STATUSES.has(String(error.status)))
    problems.push(`error.status ${String(error.status)} is not a google.rpc.Code name`);
  if (error.details !== undefined && !Array.isArray(error.details)) problems.push('error.details is not an array');
  return problems;
}

/** Everything wrong with an error body in the envelope its caller parses. */
export function envelopeProblems(envelope: Envelope, body: string, status: number): string[] {
  switch (envelope) {
    case 'openai':
      return openAiEnvelopeProblems(body);
    case 'anthropic':
      return anthropicEnvelopeProblems(body);
    case 'google':
      return googleEnvelopeProblems(body, status);
    default: {
      const exhaustive: never = envelope;
      return exhaustive;
    }
  }
}
