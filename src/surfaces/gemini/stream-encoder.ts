import type { GatewayError, StreamPart, Usage } from '../../ir/index.js';
import type { ResponseMeta, SurfaceStreamEncoder } from '../surface.js';
import { encodeGeminiErrorBody } from './encode-error.js';
import { encodeFinishReason } from './encode-finish-reason.js';
import { argumentsObject, type GeminiAnswerPart, imagePart, thoughtPart } from './encode-parts.js';
import { encodeUsage } from './encode-usage.js';
import { createFramer, type StreamFramer, type StreamFraming } from './stream-framing.js';

interface OpenCall {
  id: string;
  name: string;
  signature?: string;
  arguments: string;
}

/**
 * IR stream parts to `streamGenerateContent` chunks, each a GenerateContentResponse carrying the
 * new parts of one candidate. Text and thoughts go out as they arrive; a function call goes out
 * whole when it ends (Gemini sends a call's arguments as one object, never as text deltas). Finish
 * reasons and usage wait for end(), which writes the closing chunk as Gemini does: an empty text
 * part with the finish reason of every candidate, and `usageMetadata`.
 */
export class GeminiStreamEncoder implements SurfaceStreamEncoder {
  private readonly framer: StreamFramer;
  private readonly meta: ResponseMeta;
  private responseId: string;
  private readonly openCalls = new Map<string, OpenCall>();
  private readonly finishes = new Map<number, string>();
  private usage?: Usage;
  private failed = false;

  constructor(meta: ResponseMeta, framing: StreamFraming) {
    this.meta = meta;
    this.responseId = meta.requestId;
    this.framer = createFramer(framing);
  }

  encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        if (part.id) this.responseId = part.id;
        return '';
      case 'text-delta':
      case 'refusal-delta':
        return part.delta ? this.parts(part.choice, [{ text: part.delta }]) : '';
      case 'reasoning-delta':
        return part.delta ? this.parts(part.choice, [{ text: part.delta, thought: true }]) : '';
      case 'reasoning-signature':
        return this.parts(part.choice, [
          thoughtPart({ type: 'reasoning', text: '', signature: part.signature }, this.meta.provider),
        ]);
      case 'reasoning-redacted':
        return this.parts(part.choice, [
          thoughtPart({ type: 'reasoning', text: '', redactedData: part.data }, this.meta.provider),
        ]);
      case 'text-signature':
        return this.parts(part.choice, [{ text: '', thoughtSignature: part.signature }]);
      case 'generated-image':
        return this.parts(part.choice, [imagePart(part, this.meta.provider)]);
      case 'tool-call-start':
        this.openCalls.set(callKey(part.choice, part.index), {
          id: part.id,
          name: part.name,
          arguments: '',
          ...(part.signature ? { signature: part.signature } : {}),
        });
        return '';
      case 'tool-call-delta': {
        const call = this.openCalls.get(callKey(part.choice, part.index));
        if (call) call.arguments += part.argumentsDelta;
        return '';
      }
      case 'tool-call-end': {
        const key = callKey(part.choice, part.index);
        const call = this.openCalls.get(key);
        if (!call) return '';
        this.openCalls.delete(key);
        return this.parts(part.choice, [functionCallPart(call)]);
      }
      case 'logprobs':
        // Gemini reports logprobs per candidate, not per chunk of text: not forwarded on streams.
        return '';
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'finish':
        this.finishes.set(part.choice ?? 0, encodeFinishReason(part.finishReason, this.meta.provider));
        return '';
      case 'error':
        return this.error(part.error);
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }

  end(): string {
    if (this.failed) return this.framer.close();
    const candidates = new Map<number, GeminiAnswerPart[]>();
    // A call the upstream never closed still goes out, with what arrived of its arguments.
    for (const [key, call] of this.openCalls) {
      const choice = Number(key.split(':')[0]);
      candidates.set(choice, [...(candidates.get(choice) ?? []), functionCallPart(call)]);
    }
    this.openCalls.clear();
    for (const choice of this.finishes.keys()) if (!candidates.has(choice)) candidates.set(choice, [{ text: '' }]);
    let out = '';
    if (candidates.size > 0 || this.usage) {
      const chunk = this.chunk(
        [...candidates].map(([index, parts]) => ({
          content: { parts, role: 'model' },
          ...(this.finishes.has(index) ? { finishReason: this.finishes.get(index) } : {}),
          index,
        })),
      );
      if (this.usage) chunk.usageMetadata = encodeUsage(this.usage);
      out = this.framer.chunk(orderedChunk(chunk));
    }
    return out + this.framer.close();
  }

  /** In SSE a `data:` event holding Google's error envelope; in the array form, an element holding it. */
  error(error: GatewayError): string {
    if (this.failed) return '';
    this.failed = true;
    return this.framer.chunk(encodeGeminiErrorBody(error));
  }

  private parts(choice: number | undefined, parts: GeminiAnswerPart[]): string {
    if (this.failed) return '';
    return this.framer.chunk(this.chunk([{ content: { parts, role: 'model' }, index: choice ?? 0 }]));
  }

  private chunk(candidates: unknown[]): Record<string, unknown> {
    return { candidates, modelVersion: this.meta.model, responseId: this.responseId };
  }
}

/** Fields in Gemini's order: candidates, usageMetadata, modelVersion, responseId. */
function orderedChunk(chunk: Record<string, unknown>): Record<string, unknown> {
  const { candidates, usageMetadata, ...rest } = chunk;
  return { candidates, ...(usageMetadata ? { usageMetadata } : {}), ...rest };
}

function callKey(choice: number | undefined, index: number): string {
  return `${choice ?? 0}:${index}`;
}

function functionCallPart(call: OpenCall): GeminiAnswerPart {
  const part: GeminiAnswerPart = {
    functionCall: { id: call.id, name: call.name, args: argumentsObject(call.arguments) },
  };
  if (call.signature) part.thoughtSignature = call.signature;
  return part;
}
