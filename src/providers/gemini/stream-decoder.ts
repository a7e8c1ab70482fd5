import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { ProviderContext, SseEvent, StreamDecoder } from '../provider.js';
import { convertGeminiLogprobs } from './convert-logprobs.js';
import { convertGeminiUsage, withSearches } from './convert-usage.js';
import { geminiErrorFromObject, readGeminiErrorEnvelope } from './decode-error.js';
import { responseMetadata } from './decode-response.js';
import { generatedImage } from './generated-image.js';
import { groundingSearches } from './grounding-searches.js';
import { mapGeminiFinishReason } from './map-finish-reason.js';
import { PartialArguments } from './partial-arguments.js';
import {
  type GeminiCandidate,
  type GeminiGenerateContentResponse,
  type GeminiResponseFunctionCall,
  generateContentResponseSchema,
} from './response-schema.js';

/** A function call whose arguments are still streaming (`willContinue: true`). */
interface PendingCall {
  id?: string;
  name: string;
  signature?: string;
  args: PartialArguments;
}

interface CandidateState {
  toolCallCount: number;
  finished: boolean;
  pending?: PendingCall;
}

/**
 * Decodes `streamGenerateContent?alt=sse`: every SSE event is one GenerateContentResponse chunk.
 * Text and thoughts stream as deltas; signatures follow the part they came on; each function call
 * becomes start + one delta with its complete arguments + end (streamed `partialArgs` are collected
 * until the call completes). Usage is emitted whenever it changes (the last one wins).
 */
export function createGeminiStreamDecoder(context: ProviderContext): StreamDecoder {
  const candidates = new Map<number, CandidateState>();
  let metadataSent = false;
  let failed = false;
  let lastUsage: string | undefined;
  const grounding = new Map<number, GeminiCandidate>();
  let modelVersion: string | undefined;

  const fail = (error: GatewayError): StreamPart[] => {
    failed = true;
    return [{ type: 'error', error }];
  };

  const stateFor = (choice: number): CandidateState => {
    let state = candidates.get(choice);
    if (!state) {
      state = { toolCallCount: 0, finished: false };
      candidates.set(choice, state);
    }
    return state;
  };

  const emitCall = (choice: number, state: CandidateState, call: Omit<PendingCall, 'args'>, args: string) => {
    const index = state.toolCallCount++;
    const id = call.id ?? context.generateId('call_');
    const signature = call.signature ? { signature: call.signature } : {};
    return [
      { type: 'tool-call-start', choice, index, id, name: call.name, ...signature },
      { type: 'tool-call-delta', choice, index, argumentsDelta: args },
      { type: 'tool-call-end', choice, index },
    ] satisfies StreamPart[];
  };

  const completePending = (choice: number, state: CandidateState): StreamPart[] => {
    const pending = state.pending;
    if (!pending) return [];
    state.pending = undefined;
    return emitCall(choice, state, pending, pending.args.toJson());
  };

  const functionCallParts = (
    choice: number,
    state: CandidateState,
    call: GeminiResponseFunctionCall,
    signature: string | undefined,
  ): StreamPart[] => {
    const out: StreamPart[] = [];
    const pending = state.pending;
    const startsNewCall = call.name !== undefined && call.partialArgs === undefined;
    if (pending && !startsNewCall) {
      if (call.partialArgs) pending.args.apply(call.partialArgs);
      pending.signature ??= signature;
      if (call.willContinue !== true) out.push(...completePending(choice, state));
      return out;
    }
    // A new call while one is still open closes the open one first.
    out.push(...completePending(choice, state));
    if (!call.name) return out;
    const base = { name: call.name, ...(call.id ? { id: call.id } : {}), ...(signature ? { signature } : {}) };
    if (call.willContinue === true) {
      const args = new PartialArguments(call.args ?? {});
      if (call.partialArgs) args.apply(call.partialArgs);
      state.pending = { ...base, args };
      return out;
    }
    out.push(...emitCall(choice, state, base, JSON.stringify(call.args ?? {})));
    return out;
  };

  const candidateParts = (candidate: GeminiCandidate, position: number, finishes: StreamPart[]): StreamPart[] => {
    const choice = candidate.index ?? position;
    const state = stateFor(choice);
    if (state.finished) return [];
    const out: StreamPart[] = [];
    for (const part of candidate.content?.parts ?? []) {
      const signature = part.thoughtSignature;
      const image = generatedImage(part);
      if (image) {
        out.push({ ...image, choice });
      } else if (part.functionCall) {
        out.push(...functionCallParts(choice, state, part.functionCall, signature));
      } else if (part.thought) {
        if (part.text) out.push({ type: 'reasoning-delta', choice, delta: part.text });
        if (signature) out.push({ type: 'reasoning-signature', choice, signature });
      } else {
        if (part.text) out.push({ type: 'text-delta', choice, delta: part.text });
        if (signature) out.push({ type: 'text-signature', choice, signature });
      }
    }
    const logprobs = convertGeminiLogprobs(candidate.logprobsResult);
    if (logprobs) out.push({ type: 'logprobs', choice, logprobs });
    if (candidate.finishReason !== undefined) {
      out.push(...completePending(choice, state));
      state.finished = true;
      finishes.push({
        type: 'finish',
        choice,
        finishReason: mapGeminiFinishReason(candidate.finishReason, state.toolCallCount > 0),
      });
    }
    return out;
  };

  const chunkParts = (chunk: GeminiGenerateContentResponse): StreamPart[] => {
    const out: StreamPart[] = [];
    if (!metadataSent) {
      metadataSent = true;
      out.push({ type: 'response-metadata', ...responseMetadata(chunk) });
    }
    const finishes: StreamPart[] = [];
    const list = chunk.candidates ?? [];
    for (const [position, candidate] of list.entries()) out.push(...candidateParts(candidate, position, finishes));
    const blockReason = chunk.promptFeedback?.blockReason;
    if (list.length === 0 && blockReason && !stateFor(0).finished) {
      stateFor(0).finished = true;
      finishes.push({ type: 'finish', choice: 0, finishReason: { unified: 'content-filter', raw: blockReason } });
    }
    // Grounding metadata comes with the last chunks: the latest of each candidate is what was searched.
    for (const [position, candidate] of list.entries()) {
      if (candidate.groundingMetadata) grounding.set(candidate.index ?? position, candidate);
    }
    modelVersion ??= chunk.modelVersion;
    const searches = groundingSearches([...grounding.values()], modelVersion ?? context.target.model);
    const usage = withSearches(convertGeminiUsage(chunk.usageMetadata), searches);
    const usageKey = usage ? `${JSON.stringify(usage.raw)}/${searches ?? 0}` : undefined;
    if (usage && usageKey !== lastUsage) {
      lastUsage = usageKey;
      out.push({ type: 'usage', usage });
    }
    out.push(...finishes);
    return out;
  };

  const decodeChunk = (value: unknown): StreamPart[] => {
    const envelope = readGeminiErrorEnvelope(value);
    if (envelope) return fail(geminiErrorFromObject(envelope));
    const parsed = generateContentResponseSchema.safeParse(value);
    if (!parsed.success) {
      return fail(new GatewayError({ kind: 'upstream_error', message: 'Gemini sent a malformed stream chunk.' }));
    }
    return chunkParts(parsed.data);
  };

  return {
    push(event: SseEvent): StreamPart[] {
      if (failed) return [];
      const data = event.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch {
        return fail(
          new GatewayError({ kind: 'upstream_error', message: 'Gemini sent a stream chunk that is not JSON.' }),
        );
      }
      const out: StreamPart[] = [];
      for (const chunk of Array.isArray(value) ? value : [value]) {
        out.push(...decodeChunk(chunk));
        if (failed) break;
      }
      return out;
    },

    end(): StreamPart[] {
      if (failed) return [];
      const states = [...candidates.entries()];
      if (!states.some(([, state]) => state.finished)) {
        return fail(new GatewayError({ kind: 'upstream_error', message: 'upstream stream ended prematurely' }));
      }
      // With several candidates, one that never reported a finish reason is closed here.
      return states.flatMap(([choice, state]): StreamPart[] => {
        if (state.finished) return [];
        state.finished = true;
        const parts = completePending(choice, state);
        return [
          ...parts,
          { type: 'finish', choice, finishReason: mapGeminiFinishReason(undefined, state.toolCallCount > 0) },
        ];
      });
    },
  };
}
