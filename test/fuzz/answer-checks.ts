/**
 * What every answer must be, whatever was asked: a 2xx, 3xx or 4xx (never a 5xx), with a request
 * id; JSON that parses when it says it is JSON; an error in the caller's API envelope, in the server's own words (no stack trace); a 429 that
 * says when to come back; no body on HEAD or 204; a 2xx of a surface in that surface's shape.
 * Pure, so the checks themselves are tested.
 */
import { type Envelope, envelopeProblems } from './error-envelopes.js';
import { successShapeProblems } from './success-shapes.js';

export interface FuzzAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The error envelope a path's callers parse. Anthropic Messages (`/v1/messages…`) answers in
 * Anthropic's, the Gemini routes (`/v1beta/…`) in Google's; the rest of `/v1` speaks OpenAI's, and
 * the REST API renders its errors through the same encoder (src/http/api/api-route.ts →
 * src/http/error-response.ts), so it has the same shape.
 */
export function envelopeFor(path: string): Envelope {
  if (path === '/v1/messages' || path.startsWith('/v1/messages/')) return 'anthropic';
  if (path.startsWith('/v1beta/')) return 'google';
  return 'openai';
}

const header = (answer: FuzzAnswer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

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
  problems.push(...successShapeProblems(answer));
  if (answer.status >= 400) {
    if (!/^application\/json\b/i.test(header(answer, 'content-type') ?? '')) {
      problems.push(`error content-type is ${header(answer, 'content-type') ?? 'missing'}`);
    }
    problems.push(...envelopeProblems(envelopeFor(answer.path), answer.body, answer.status));
    if (answer.status === 429 && !header(answer, 'retry-after')) problems.push('a 429 without retry-after');
  }
  return problems;
}
