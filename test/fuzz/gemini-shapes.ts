/**
 * What a 2xx of the Gemini routes must be, as Google's SDK parses it: a GenerateContentResponse
 * (candidates with content parts, usageMetadata), streamed as SSE `data:` chunks (`alt=sse`) or as
 * one JSON array of them (without), countTokens' `totalTokens`, and the model list and resource.
 */
import { parseSse } from './sse-events.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** One GenerateContentResponse (a whole answer or a stream chunk); `{"error":…}` is an in-band error. */
export function generateResponseProblems(value: unknown, where = 'answer'): string[] {
  if (!isObject(value)) return [`${where} is not an object`];
  if (isObject(value.error)) return [];
  const problems: string[] = [];
  if (value.candidates !== undefined) {
    if (!Array.isArray(value.candidates)) problems.push(`${where}.candidates is not an array`);
    else
      for (const [index, candidate] of value.candidates.entries()) {
        if (!isObject(candidate)) {
          problems.push(`${where}.candidates[${index}] is not an object`);
          continue;
        }
        const content = candidate.content;
        if (
          content !== undefined &&
          (!isObject(content) || (content.parts !== undefined && !Array.isArray(content.parts)))
        )
          problems.push(`${where}.candidates[${index}].content has no parts array`);
        if (candidate.finishReason !== undefined && typeof candidate.finishReason !== 'string')
          problems.push(`${where}.candidates[${index}].finishReason is not a string`);
      }
  }
  const usage = value.usageMetadata;
  if (
    usage !== undefined &&
    (!isObject(usage) || (usage.totalTokenCount !== undefined && !isCount(usage.totalTokenCount)))
  )
    problems.push(`${where}.usageMetadata is not token counts`);
  if (value.candidates === undefined && usage === undefined && value.promptFeedback === undefined)
    problems.push(`${where} has no candidates, usageMetadata or promptFeedback`);
  return problems;
}

/** A streamGenerateContent body: SSE chunks, or the JSON array of them. */
export function geminiStreamProblems(body: string, sse: boolean): string[] {
  if (sse) {
    const events = parseSse(body);
    if (events.length === 0) return ['an empty event stream'];
    return events.flatMap((event, index) =>
      event.json === undefined
        ? [`chunk ${index} is not JSON: ${event.data.slice(0, 80)}`]
        : generateResponseProblems(event.json, `chunk ${index}`),
    );
  }
  let chunks: unknown;
  try {
    chunks = JSON.parse(body);
  } catch {
    return [`a JSON-array stream that does not parse: ${body.slice(0, 120)}`];
  }
  if (!Array.isArray(chunks)) return ['a JSON-array stream that is not an array'];
  return chunks.flatMap((chunk, index) => generateResponseProblems(chunk, `chunk ${index}`));
}

function modelResourceProblems(value: unknown, where: string): string[] {
  if (!isObject(value) || typeof value.name !== 'string' || !value.name.startsWith('models/'))
    return [`${where} is not a Model with name models/…`];
  return [];
}

/** Everything wrong with a 2xx of a Gemini route (`path` without its query). */
export function geminiSuccessProblems(method: string, path: string, contentType: string, body: string): string[] {
  const streamed = /^text\/event-stream\b/i.test(contentType);
  let parsed: unknown;
  if (!streamed) {
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`a 2xx body that is not JSON: ${body.slice(0, 120)}`];
    }
  }
  if (method === 'GET') {
    if (path === '/v1beta/models') {
      if (!isObject(parsed) || !Array.isArray(parsed.models)) return ['the model list has no models array'];
      return parsed.models.flatMap((model, index) => modelResourceProblems(model, `models[${index}]`));
    }
    return modelResourceProblems(parsed, 'the model');
  }
  if (path.endsWith(':countTokens'))
    return isObject(parsed) && isCount(parsed.totalTokens)
      ? []
      : [`countTokens without totalTokens: ${body.slice(0, 120)}`];
  if (path.endsWith(':streamGenerateContent')) return geminiStreamProblems(body, streamed);
  return generateResponseProblems(parsed);
}
