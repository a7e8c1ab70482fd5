/**
 * What every answer must be, whatever was asked: a 2xx, 3xx or 4xx (never a 5xx), with a request
 * id; JSON that parses when it says it is JSON; an error in the caller's API envelope, in the server's own words (no stack trace); a 429 that
 * says when to come back; no body on HEAD or 204. Pure, so the checks themselves are tested.
 */

export interface FuzzAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The error envelope a path's callers parse. `/v1` speaks OpenAI's; the REST API renders its errors
 * through the same encoder (src/http/api/api-route.ts → src/http/error-response.ts), so it has the
 * same shape. Should the REST API get an envelope of its own, this is the one place to say so.
 */
export type Envelope = 'openai';
export function envelopeFor(_path: string): Envelope {
  return 'openai';
}

const STACK_TRACE = /\bat [\w$.<>]+ \(|\.(?:ts|js|mjs):\d+:\d+|node_modules\//;

const header = (answer: FuzzAnswer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The problems of an OpenAI error envelope body; empty when it is one. */
function openAiEnvelopeProblems(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`error body is not JSON: ${body.slice(0, 120)}`];
  }
  const error = (parsed as { error?: Record<string, unknown> } | null)?.error;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !error || typeof error !== 'object') {
    return [`error body is not {"error":{...}}: ${body.slice(0, 120)}`];
  }
  const problems: string[] = [];
  if (Object.keys(parsed).join() !== 'error')
    problems.push(`error body has keys besides "error": ${Object.keys(parsed).join(', ')}`);
  if (typeof error.message !== 'string' || error.message === '')
    problems.push('error.message is not a non-empty string');
  if (typeof error.type !== 'string' || error.type === '') problems.push('error.type is not a non-empty string');
  if (!('param' in error) || (error.param !== null && typeof error.param !== 'string'))
    problems.push('error.param is not a string or null');
  if (!('code' in error) || (error.code !== null && typeof error.code !== 'string'))
    problems.push('error.code is not a string or null');
  if (typeof error.message === 'string' && STACK_TRACE.test(error.message))
    problems.push(`error.message shows code: ${error.message.slice(0, 200)}`);
  return problems;
}

/** Everything wrong with an answer; empty when it keeps every promise. */
export function answerProblems(answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}: a server error`);
  if (answer.status < 200) problems.push(`status ${answer.status}`);
  if (!header(answer, 'x-request-id')) problems.push('no x-request-id header');
  if (answer.method === 'HEAD' || answer.status === 204 || answer.status === 304) {
    if (answer.body !== '') problems.push(`a body on ${answer.method === 'HEAD' ? 'HEAD' : answer.status}`);
    return problems;
  }
  if (answer.status < 300 && /^application\/json\b/i.test(header(answer, 'content-type') ?? '')) {
    try {
      JSON.parse(answer.body);
    } catch {
      problems.push(`a ${answer.status} labelled JSON whose body does not parse: ${answer.body.slice(0, 120)}`);
    }
  }
  if (answer.status >= 400) {
    if (!/^application\/json\b/i.test(header(answer, 'content-type') ?? '')) {
      problems.push(`error content-type is ${header(answer, 'content-type') ?? 'missing'}`);
    }
    const envelope = envelopeFor(answer.path);
    switch (envelope) {
      case 'openai':
        problems.push(...openAiEnvelopeProblems(answer.body));
        break;
      default: {
        const exhaustive: never = envelope;
        return exhaustive;
      }
    }
    if (answer.status === 429 && !header(answer, 'retry-after')) problems.push('a 429 without retry-after');
  }
  return problems;
}
