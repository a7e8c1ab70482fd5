/** Folds decoder output back into per-choice totals, recording every ordering rule it breaks. */
import type { FinishReason, GatewayError, StreamPart, Usage } from '../../../src/ir/index.js';
import { openaiProvider } from '../../../src/providers/openai/index.js';
import type { ProviderContext, SseEvent } from '../../../src/providers/provider.js';

export interface CollectedToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
  ended: boolean;
}

export interface CollectedChoice {
  text: string;
  reasoning: string;
  refusal: string;
  signatures: string[];
  redacted: string[];
  toolCalls: CollectedToolCall[];
  finish?: FinishReason;
  logprobs: number;
}

export interface Collected {
  parts: StreamPart[];
  choices: Map<number, CollectedChoice>;
  metadata: Array<Extract<StreamPart, { type: 'response-metadata' }>>;
  usage?: Usage;
  errors: GatewayError[];
  /** Broken rules: deltas before starts, parts after a choice finished or after an error, ... */
  violations: string[];
}

export function decodeEvents(events: readonly SseEvent[], context: ProviderContext, callEnd = true): Collected {
  const decoder = openaiProvider.createStreamDecoder(context);
  const parts: StreamPart[] = [];
  for (const event of events) parts.push(...decoder.push(event));
  if (callEnd) parts.push(...decoder.end());
  return collectParts(parts);
}

export function collectParts(parts: StreamPart[]): Collected {
  const collected: Collected = { parts, choices: new Map(), metadata: [], errors: [], violations: [] };
  const choiceOf = (index: number | undefined): CollectedChoice => {
    const key = index ?? 0;
    let choice = collected.choices.get(key);
    if (!choice) {
      choice = { text: '', reasoning: '', refusal: '', signatures: [], redacted: [], toolCalls: [], logprobs: 0 };
      collected.choices.set(key, choice);
    }
    return choice;
  };
  for (const part of parts) {
    if (collected.errors.length > 0) collected.violations.push(`${part.type} after error`);
    if ('choice' in part && part.type !== 'finish' && choiceOf(part.choice).finish) {
      collected.violations.push(`${part.type} after finish of choice ${part.choice}`);
    }
    switch (part.type) {
      case 'response-metadata':
        collected.metadata.push(part);
        break;
      case 'text-delta':
        choiceOf(part.choice).text += part.delta;
        break;
      case 'reasoning-delta':
        choiceOf(part.choice).reasoning += part.delta;
        break;
      case 'reasoning-signature':
        choiceOf(part.choice).signatures.push(part.signature);
        break;
      case 'reasoning-redacted':
        choiceOf(part.choice).redacted.push(part.data);
        break;
      case 'refusal-delta':
        choiceOf(part.choice).refusal += part.delta;
        break;
      case 'tool-call-start': {
        const calls = choiceOf(part.choice).toolCalls;
        if (calls.some((call) => call.index === part.index))
          collected.violations.push(`tool call ${part.index} started twice`);
        if (part.index !== calls.length) collected.violations.push(`tool call index ${part.index} out of order`);
        calls.push({ index: part.index, id: part.id, name: part.name, arguments: '', ended: false });
        break;
      }
      case 'tool-call-delta': {
        const call = choiceOf(part.choice).toolCalls.find((candidate) => candidate.index === part.index);
        if (!call || call.ended) collected.violations.push(`tool-call-delta for ${part.index} outside its start/end`);
        else call.arguments += part.argumentsDelta;
        break;
      }
      case 'tool-call-end': {
        const call = choiceOf(part.choice).toolCalls.find((candidate) => candidate.index === part.index);
        if (!call || call.ended) collected.violations.push(`tool-call-end for ${part.index} without an open call`);
        else call.ended = true;
        break;
      }
      case 'logprobs':
        choiceOf(part.choice).logprobs += 1;
        break;
      case 'usage':
        collected.usage = part.usage;
        break;
      case 'finish': {
        const choice = choiceOf(part.choice);
        if (choice.finish) collected.violations.push(`second finish for choice ${part.choice}`);
        if (choice.toolCalls.some((call) => !call.ended)) collected.violations.push('finish with an open tool call');
        choice.finish = part.finishReason;
        break;
      }
      case 'error':
        collected.errors.push(part.error);
        break;
      case 'text-signature':
      case 'generated-image': // OpenAI's chat answers carry no images.
        break;
      default: {
        const unexpected: never = part;
        collected.violations.push(`unknown part ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return collected;
}
