import type { RelayCaller } from '../relay/relay-ports.js';
import type { RelayTrace } from '../relay/relay-trace.js';
import { encodeResponse, ResponsesStreamEncoder, requestInputItems, withItemIds } from '../surfaces/responses/index.js';
import type { SurfaceInput } from '../surfaces/surface.js';
import type { StoredResponse } from './stored-response-store.js';

const DAY_MS = 86_400_000;

export interface StoreDecision {
  /** The operator's `responseRetentionDays`; 0 stores nothing. */
  retentionDays: number;
  now: number;
}

/**
 * What to store for one POST /v1/responses, or undefined when nothing is: the client said
 * `store: false`, retention is 0, or the answer is not a whole one (failed, cut short, served
 * from the response cache, or never begun). An `incomplete` answer (max_output_tokens) is whole:
 * OpenAI stores it and a follow-up may continue it.
 */
export function storedResponseRecord(
  trace: RelayTrace,
  caller: RelayCaller | undefined,
  input: SurfaceInput,
  decision: StoreDecision,
): StoredResponse | undefined {
  const body = input.body as Record<string, unknown> | null;
  if (!caller || !trace.request || !trace.served || trace.streamError || trace.cached) return undefined;
  if (body === null || typeof body !== 'object' || body.store === false || !(decision.retentionDays > 0)) {
    return undefined;
  }
  const answer = finalAnswer(trace);
  if (!answer || (answer.response.status !== 'completed' && answer.response.status !== 'incomplete')) return undefined;
  const id = answer.response.id;
  if (typeof id !== 'string') return undefined;
  return {
    id,
    userId: caller.userId,
    keyId: caller.keyId,
    model: trace.request.model,
    // Every input item gets an id now (those it had stay): the list of input items shows them.
    requestItems: withItemIds([...(input.history ?? []), ...requestInputItems(body.input)], id),
    output: Array.isArray(answer.stored.output) ? answer.stored.output : [],
    response: answer.response,
    createdAt: decision.now,
    expiresAt: decision.now + decision.retentionDays * DAY_MS,
  };
}

/** The response as the client got it, and the copy for the store (reasoning with `encrypted_content`). */
function finalAnswer(
  trace: RelayTrace,
): { response: Record<string, unknown>; stored: Record<string, unknown> } | undefined {
  const served = trace.served;
  if (!served || !trace.request) return undefined;
  if (served.kind === 'pass-through') {
    // OpenAI's own object: as the client got it, and what the store keeps (reasoning carries
    // `encrypted_content` when it was asked for: see surfaces/responses/pass-through-body.ts).
    const response = served.answer as Record<string, unknown> | undefined;
    if (!response || typeof response !== 'object' || Array.isArray(response)) return undefined;
    return { response, stored: response };
  }
  if (served.kind === 'json') {
    const response = trace.answer as Record<string, unknown> | undefined;
    if (!response || typeof response !== 'object') return undefined;
    return { response, stored: encodeResponse(served.result, trace.request, served.meta, true) };
  }
  if (!(served.encoder instanceof ResponsesStreamEncoder)) return undefined;
  const response = served.encoder.completedResponse();
  const stored = served.encoder.storedResponse();
  return response && stored ? { response, stored } : undefined;
}
