import type { ChatResult, StreamPart } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { SseEvent } from '../providers/provider.js';
import { networkError } from '../upstream/http-client.js';
import { readSseEvents } from '../upstream/sse-reader.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import type { AttemptRun } from './attempt-run.js';
import { type OpenedCall, openProviderCall, readJsonBody } from './provider-call.js';

/**
 * The upstream's side of one attempt: sending the request and reading the answer. What fails
 * here is marked by origin (upstream-fault.ts) where it happens, so the attempt loop never has to
 * guess: the vendor's HTTP error status, a network failure, a malformed body or stream and an
 * error event are the upstream's; encoding the request, and any exception that is not a
 * GatewayError, are AIHub's own. What the relay does with the answer afterwards (encoding it,
 * writing it to the client) is outside, and can never be blamed on the upstream.
 */

/** Sends the attempt's request and returns the open 2xx response. */
export async function openUpstream(run: AttemptRun): Promise<OpenedCall> {
  try {
    return await openProviderCall(run.prepared, run.attempt, run.deps, run.signal);
  } catch (error) {
    // The vendor's error status, decoded by its provider (GatewayError.upstreamStatus); network
    // failures were marked by networkError. A GatewayError without a status came from encoding
    // the request (the client asked for what this vendor cannot do): nobody's health is at stake.
    if (error instanceof GatewayError && error.upstreamStatus !== undefined) throw upstreamFault(error);
    throw error;
  }
}

/** Reads and decodes a whole JSON answer (an error in disguise, with status 200, is thrown). */
export async function readUpstreamResult(call: OpenedCall, run: AttemptRun): Promise<ChatResult> {
  return (await readUpstreamAnswer(call, run)).result;
}

/** The whole JSON answer as the vendor wrote it, and decoded. */
export async function readUpstreamAnswer(
  call: OpenedCall,
  run: AttemptRun,
): Promise<{ body: unknown; result: ChatResult }> {
  let body: unknown;
  try {
    body = await readJsonBody(call.response);
  } catch (error) {
    throw fromReading(error, run);
  }
  try {
    return { body, result: call.decodeResponse(body) };
  } catch (error) {
    if (error instanceof GatewayError) throw upstreamFault(error);
    throw error; // a decoder that breaks on a valid body is AIHub's bug
  }
}

/** One SSE event of the upstream's stream and what it decoded to. */
export interface DecodedEvent {
  /** The event's data as it came; undefined for the decoder's last words when the stream ended. */
  data: string | undefined;
  parts: StreamPart[];
}

/**
 * The stream's events with their parts, one batch per SSE event (then the decoder's last words).
 * Throws what the reading failed with, marked; the consumer's own exceptions never pass through here.
 */
export async function* upstreamEvents(call: OpenedCall, run: AttemptRun): AsyncGenerator<DecodedEvent> {
  const decoder = call.createStreamDecoder();
  const events = readSseEvents(call.response.body);
  try {
    for (;;) {
      let next: IteratorResult<SseEvent>;
      let parts: StreamPart[];
      try {
        next = await events.next();
        parts = next.done ? decoder.end() : decoder.push(next.value);
      } catch (error) {
        throw fromReading(error, run);
      }
      // An error event from the upstream (Anthropic `overloaded_error` after HTTP 200, ...).
      for (const part of parts) if (part.type === 'error') upstreamFault(part.error);
      yield { data: next.done ? undefined : next.value.data, parts };
      if (next.done) return;
    }
  } finally {
    await events.return(undefined);
  }
}

/**
 * A failure while reading the answer. The attempt's deadline decided itself whose fault it was
 * (attempt-deadline.ts); another GatewayError (a malformed body) is the upstream's; the rest is
 * sorted by networkError (network, client gone, or AIHub's own).
 */
function fromReading(error: unknown, run: AttemptRun): GatewayError {
  if (run.signal.aborted && error === run.signal.reason && error instanceof GatewayError) return error;
  if (error instanceof GatewayError) return upstreamFault(error);
  return networkError(error, run.client.signal);
}
