/**
 * What a 2xx of each new surface must be: a valid answer in that surface's own shape, whole (JSON)
 * or streamed (SSE, or Gemini's JSON array), as its SDK parses it. Routes the suite has no shape
 * for answer no problems here (their JSON is checked to parse in answer-checks.ts).
 */
import type { FuzzAnswer } from './answer-checks.js';
import { geminiSuccessProblems } from './gemini-shapes.js';
import { parseSse } from './sse-events.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function contentTypeOf(answer: FuzzAnswer): string {
  const value = answer.headers['content-type'];
  return String(Array.isArray(value) ? value[0] : (value ?? ''));
}

function parsedJson(answer: FuzzAnswer): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(answer.body) };
  } catch {
    return { problem: `a ${answer.status} body that is not JSON: ${answer.body.slice(0, 120)}` };
  }
}

/** An Anthropic `message` object (a whole answer, or the one inside `message_start`). */
export function anthropicMessageProblems(message: unknown, where = 'message'): string[] {
  if (!isObject(message)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (typeof message.id !== 'string' || message.id === '') problems.push(`${where}.id is not a string`);
  if (message.type !== 'message') problems.push(`${where}.type is ${String(message.type)}, not message`);
  if (message.role !== 'assistant') problems.push(`${where}.role is not assistant`);
  if (typeof message.model !== 'string') problems.push(`${where}.model is not a string`);
  if (
    !Array.isArray(message.content) ||
    !message.content.every((block) => isObject(block) && typeof block.type === 'string')
  )
    problems.push(`${where}.content is not an array of typed blocks`);
  if (message.stop_reason !== null && typeof message.stop_reason !== 'string')
    problems.push(`${where}.stop_reason is not a string or null`);
  const usage = message.usage;
  if (!isObject(usage) || !isCount(usage.input_tokens) || !isCount(usage.output_tokens))
    problems.push(`${where}.usage has no input_tokens and output_tokens counts`);
  return problems;
}

/** An Anthropic event stream: message_start first, then known events whose `type` is their name, message_stop or error last. */
export function anthropicStreamProblems(body: string): string[] {
  const events = parseSse(body);
  if (events.length === 0) return ['an empty event stream'];
  const problems: string[] = [];
  const known = new Set([
    'message_start',
    'content_block_start',
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
    'ping',
    'error',
  ]);
  for (const [index, event] of events.entries()) {
    if (!isObject(event.json)) {
      problems.push(`event ${index} (${event.name}) has data that is not a JSON object: ${event.data.slice(0, 80)}`);
      continue;
    }
    if (!known.has(String(event.name))) problems.push(`event ${index} is named ${event.name}`);
    if (event.json.type !== event.name)
      problems.push(`event ${index} is named ${event.name} but typed ${String(event.json.type)}`);
  }
  const first = events[0];
  if (first.name === 'message_start' && isObject(first.json))
    problems.push(...anthropicMessageProblems(first.json.message, 'message_start.message'));
  else if (first.name !== 'error') problems.push(`the stream opens with ${first.name}, not message_start`);
  const last = events[events.length - 1].name;
  if (last !== 'message_stop' && last !== 'error')
    problems.push(`the stream ends with ${last}, not message_stop or error`);
  return problems;
}

/** A Responses `response` object (a whole answer, or the one inside a lifecycle event). */
export function responseObjectProblems(response: unknown, where = 'response'): string[] {
  if (!isObject(response)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (typeof response.id !== 'string' || !response.id.startsWith('resp_')) problems.push(`${where}.id is not resp_…`);
  if (response.object !== 'response') problems.push(`${where}.object is not response`);
  if (typeof response.created_at !== 'number') problems.push(`${where}.created_at is not a number`);
  const statuses = ['completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete'];
  if (!statuses.includes(String(response.status))) problems.push(`${where}.status is ${String(response.status)}`);
  if (
    !Array.isArray(response.output) ||
    !response.output.every((item) => isObject(item) && typeof item.type === 'string')
  )
    problems.push(`${where}.output is not an array of typed items`);
  if (typeof response.model !== 'string') problems.push(`${where}.model is not a string`);
  return problems;
}

/** A Responses event stream: typed events named as typed, sequence numbers 0, 1, 2…, response.created first, a terminal event last. */
export function responsesStreamProblems(body: string): string[] {
  const events = parseSse(body);
  if (events.length === 0) return ['an empty event stream'];
  const problems: string[] = [];
  for (const [index, event] of events.entries()) {
    if (!isObject(event.json)) {
      problems.push(`event ${index} has data that is not a JSON object: ${event.data.slice(0, 80)}`);
      continue;
    }
    if (typeof event.json.type !== 'string') problems.push(`event ${index} has no type`);
    else if (event.name !== undefined && event.name !== event.json.type)
      problems.push(`event ${index} is named ${event.name} but typed ${event.json.type}`);
    if (event.json.sequence_number !== index)
      problems.push(`event ${index} has sequence_number ${String(event.json.sequence_number)}`);
  }
  const types = events.map((event) => (isObject(event.json) ? String(event.json.type) : ''));
  if (types[0] !== 'response.created' && types[0] !== 'error') problems.push(`the stream opens with ${types[0]}`);
  const last = types[types.length - 1];
  const terminal = ['response.completed', 'response.incomplete', 'response.failed', 'error'];
  if (!terminal.includes(last)) problems.push(`the stream ends with ${last}, not a terminal event`);
  for (const event of events) {
    if (isObject(event.json) && terminal.slice(0, 3).includes(String(event.json.type)))
      problems.push(...responseObjectProblems(event.json.response, `${event.json.type}.response`));
  }
  return problems;
}

/** Everything wrong with a 2xx of a surface route; empty for routes without a known shape. */
export function successShapeProblems(answer: FuzzAnswer): string[] {
  if (answer.status < 200 || answer.status >= 300) return [];
  if (answer.path.startsWith('/v1beta/') && answer.method !== 'HEAD')
    return geminiSuccessProblems(answer.method, answer.path, contentTypeOf(answer), answer.body);
  if (answer.method !== 'POST') return [];
  const streamed = /^text\/event-stream\b/i.test(contentTypeOf(answer));
  switch (answer.path) {
    case '/v1/messages': {
      if (streamed) return anthropicStreamProblems(answer.body);
      const parsed = parsedJson(answer);
      return 'problem' in parsed ? [parsed.problem] : anthropicMessageProblems(parsed.value);
    }
    case '/v1/messages/count_tokens': {
      const parsed = parsedJson(answer);
      if ('problem' in parsed) return [parsed.problem];
      return isObject(parsed.value) && isCount(parsed.value.input_tokens)
        ? []
        : [`count_tokens answered without an input_tokens count: ${answer.body.slice(0, 120)}`];
    }
    case '/v1/responses': {
      if (streamed) return responsesStreamProblems(answer.body);
      const parsed = parsedJson(answer);
      return 'problem' in parsed ? [parsed.problem] : responseObjectProblems(parsed.value);
    }
    default:
      return [];
  }
}
