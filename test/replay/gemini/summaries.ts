import type { ChatResult, StreamPart, Usage } from '../../../src/ir/index.js';

/**
 * What a recording says, per choice, in a form both sides can produce: the expected side is read
 * straight from the recorded Gemini chunks (simple and independent of the provider code), the
 * actual side from the provider's IR output.
 */
export interface ChoiceSummary {
  text: string;
  reasoning: string;
  textSignatures: string[];
  reasoningSignatures: string[];
  toolCalls: Array<{ name: string; args: unknown; signature?: string; id?: string }>;
  finishRaw?: string;
}

export interface RecordingSummary {
  choices: Record<number, ChoiceSummary>;
  /** Last complete usageMetadata. */
  usageMetadata?: Record<string, number>;
  responseId?: string;
  modelVersion?: string;
  /** True when a functionCall streamed its arguments in pieces (checked by dedicated tests). */
  hasPartialArgs: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: recorded vendor JSON is read as is, without a schema
export type RecordedJson = any;

const emptyChoice = (): ChoiceSummary => ({
  text: '',
  reasoning: '',
  textSignatures: [],
  reasoningSignatures: [],
  toolCalls: [],
});

/** Reads the expected summary from the recorded GenerateContentResponse chunks. */
export function summarizeRecordedChunks(chunks: RecordedJson[]): RecordingSummary {
  const summary: RecordingSummary = { choices: {}, hasPartialArgs: false };
  for (const chunk of chunks) {
    summary.responseId ??= chunk.responseId;
    summary.modelVersion ??= chunk.modelVersion;
    if (chunk.usageMetadata?.totalTokenCount !== undefined) summary.usageMetadata = chunk.usageMetadata;
    (chunk.candidates ?? []).forEach((candidate: RecordedJson, position: number) => {
      const index = candidate.index ?? position;
      const choice = summary.choices[index] ?? emptyChoice();
      summary.choices[index] = choice;
      for (const part of candidate.content?.parts ?? []) {
        const call = part.functionCall;
        if (call) {
          if (call.partialArgs || call.willContinue || !call.name) summary.hasPartialArgs = true;
          else
            choice.toolCalls.push({
              name: call.name,
              args: call.args ?? {},
              signature: part.thoughtSignature,
              id: call.id,
            });
          continue;
        }
        if (part.thought) {
          choice.reasoning += part.text ?? '';
          if (part.thoughtSignature) choice.reasoningSignatures.push(part.thoughtSignature);
        } else {
          choice.text += part.text ?? '';
          if (part.thoughtSignature) choice.textSignatures.push(part.thoughtSignature);
        }
      }
      if (candidate.finishReason) choice.finishRaw = candidate.finishReason;
    });
  }
  return summary;
}

export interface DecodedSummary {
  choices: Record<number, ChoiceSummary & { finishUnified?: string }>;
  usage?: Usage;
  id?: string;
  model?: string;
  errors: StreamPart[];
  metadataParts: number;
  finishParts: number;
}

/** Summarizes the decoded non-streaming result. */
export function summarizeResult(result: ChatResult): DecodedSummary {
  const summary: DecodedSummary = {
    choices: {},
    usage: result.usage,
    id: result.id,
    model: result.model,
    errors: [],
    metadataParts: 1,
    finishParts: 0,
  };
  for (const choice of result.choices) {
    const out = { ...emptyChoice(), finishRaw: choice.finishReason.raw, finishUnified: choice.finishReason.unified };
    summary.finishParts++;
    for (const part of choice.content) {
      if (part.type === 'text') {
        out.text += part.text;
        if (part.signature) out.textSignatures.push(part.signature);
      } else if (part.type === 'reasoning') {
        out.reasoning += part.text;
        if (part.signature) out.reasoningSignatures.push(part.signature);
      } else if (part.type === 'tool-call') {
        out.toolCalls.push({
          name: part.name,
          args: JSON.parse(part.arguments),
          signature: part.signature,
          id: part.id,
        });
      }
    }
    summary.choices[choice.index] = out;
  }
  return summary;
}

/** Summarizes a decoded stream; tool calls are rebuilt from start/delta/end. */
export function summarizeStream(parts: StreamPart[]): DecodedSummary {
  const summary: DecodedSummary = { choices: {}, errors: [], metadataParts: 0, finishParts: 0 };
  const pending = new Map<string, { name: string; id: string; signature?: string; args: string; ended: boolean }>();
  const choiceOf = (index: number | undefined) => {
    const choice = summary.choices[index ?? 0] ?? emptyChoice();
    summary.choices[index ?? 0] = choice;
    return choice;
  };
  for (const part of parts) {
    switch (part.type) {
      case 'response-metadata':
        summary.metadataParts++;
        summary.id = part.id;
        summary.model = part.model;
        break;
      case 'text-delta':
        choiceOf(part.choice).text += part.delta;
        break;
      case 'reasoning-delta':
        choiceOf(part.choice).reasoning += part.delta;
        break;
      case 'text-signature':
        choiceOf(part.choice).textSignatures.push(part.signature);
        break;
      case 'reasoning-signature':
        choiceOf(part.choice).reasoningSignatures.push(part.signature);
        break;
      case 'tool-call-start':
        pending.set(`${part.choice ?? 0}:${part.index}`, {
          name: part.name,
          id: part.id,
          signature: part.signature,
          args: '',
          ended: false,
        });
        break;
      case 'tool-call-delta':
        pending.get(`${part.choice ?? 0}:${part.index}`)!.args += part.argumentsDelta;
        break;
      case 'tool-call-end': {
        const call = pending.get(`${part.choice ?? 0}:${part.index}`)!;
        call.ended = true;
        choiceOf(part.choice).toolCalls.push({
          name: call.name,
          args: JSON.parse(call.args),
          signature: call.signature,
          id: call.id,
        });
        break;
      }
      case 'usage':
        summary.usage = part.usage;
        break;
      case 'finish': {
        summary.finishParts++;
        const choice = choiceOf(part.choice) as ChoiceSummary & { finishUnified?: string };
        choice.finishRaw = part.finishReason.raw;
        choice.finishUnified = part.finishReason.unified;
        break;
      }
      case 'error':
        summary.errors.push(part);
        break;
      default:
        break;
    }
  }
  return summary;
}
