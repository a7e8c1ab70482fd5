/**
 * Whether a gateway's answer is a complete, successful one in the client's own API: the smoke
 * run checks every answer with it, so a surface that answers 200 with an error event, a stream
 * cut short or an empty message fails CI instead of counting as a request served.
 */
import { isMessagesScenario, SCENARIOS, type ScenarioId } from './scenarios.js';

/** undefined when `text` (a 200 answer's body) is complete for `scenario`; else what is wrong. */
export function answerProblem(scenario: ScenarioId, text: string): string | undefined {
  const messages = isMessagesScenario(scenario);
  if (SCENARIOS[scenario].stream) return messages ? messagesStreamProblem(text) : chatStreamProblem(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (scenario === 'embeddings') return embeddingsProblem(parsed, text);
  if (scenario === 'images') return imagesProblem(parsed, text);
  return messages ? messageProblem(parsed, text) : chatCompletionProblem(parsed, text);
}

/** OpenAI's embeddings list: one vector of numbers per input of the bench's batch of 16. */
function embeddingsProblem(parsed: unknown, text: string): string | undefined {
  const data = (parsed as { data?: Array<{ embedding?: unknown }> } | null)?.data;
  if (!Array.isArray(data) || data.length !== 16) return `not 16 embeddings: ${text.slice(0, 200)}`;
  const vectors = data.every((item) => Array.isArray(item?.embedding) && item.embedding.length > 0);
  return vectors ? undefined : `an embedding without a vector: ${text.slice(0, 200)}`;
}

/** OpenAI's images answer: the one image asked for, inline as base64. */
function imagesProblem(parsed: unknown, text: string): string | undefined {
  const image = (parsed as { data?: Array<{ b64_json?: unknown }> } | null)?.data?.[0]?.b64_json;
  return typeof image === 'string' && image.length > 0 ? undefined : `no b64_json image: ${text.slice(0, 200)}`;
}

function chatStreamProblem(text: string): string | undefined {
  if (!text.includes('data: [DONE]')) return `stream without [DONE]: ${text.slice(-200)}`;
  if (text.includes('"error"')) return `stream with an error event: ${text.slice(0, 200)}`;
  return undefined;
}

/** Anthropic's stream: message_start … message_stop, some text, and no `event: error`. */
function messagesStreamProblem(text: string): string | undefined {
  if (/^event: error$/m.test(text)) return `stream with an error event: ${text.slice(0, 200)}`;
  if (!/^event: message_start$/m.test(text)) return `stream without message_start: ${text.slice(0, 200)}`;
  if (!/^event: message_stop$/m.test(text)) return `stream without message_stop: ${text.slice(-200)}`;
  if (!text.includes('"text_delta"')) return `stream without text: ${text.slice(0, 200)}`;
  return undefined;
}

function chatCompletionProblem(parsed: unknown, text: string): string | undefined {
  const content = (parsed as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message
    ?.content;
  return typeof content === 'string' && content.length > 0 ? undefined : `no answer: ${text.slice(0, 200)}`;
}

function messageProblem(parsed: unknown, text: string): string | undefined {
  const message = parsed as { type?: unknown; content?: Array<{ type?: unknown; text?: unknown }> } | null;
  if (message?.type !== 'message') return `not a Messages answer: ${text.slice(0, 200)}`;
  const block = Array.isArray(message.content) ? message.content.find((b) => b?.type === 'text') : undefined;
  return typeof block?.text === 'string' && block.text.length > 0 ? undefined : `no text block: ${text.slice(0, 200)}`;
}
