import { GatewayError, type StreamPart } from '../ir/index.js';
import type { PassThroughRequest, SseEvent } from '../providers/provider.js';
import { withoutRoutingFields } from '../surfaces/common/routing-params.js';
import { discardBody } from '../upstream/http-client.js';
import { readSseEvents } from '../upstream/sse-reader.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { attemptFailure } from './attempt-failure.js';
import type { AttemptRun } from './attempt-run.js';
import { sendCostedJson } from './costed-json.js';
import { type OpenedCall, openPassThroughCall } from './provider-call.js';
import { servedHeaders } from './relay-headers.js';
import { settleBeforeLastBytes } from './settle-stream.js';
import { StreamOutput } from './stream-output.js';
import { readUpstreamAnswer } from './upstream-exchange.js';
import { fromGatewaySide } from './upstream-failure.js';

/**
 * Same vendor in and out (an Anthropic Messages client on an Anthropic channel, a Gemini client on
 * a Gemini channel): the client's body goes upstream as it came, but for the model and the key
 * (Provider.encodePassThrough), and the vendor's answer comes back byte for byte, so fields AIHub
 * does not model (beta features, server tools, citations) survive both ways. The answer is still
 * decoded on the side for the meter (by the provider's decoders of that endpoint's answers, which
 * the opened call carries): billing, the request log and failover work exactly as they do when
 * translating. The vendor's own final answer object is handed to `onServed` for routes that keep
 * answers (the Responses store).
 */
function passThroughRequest(run: AttemptRun, endpoint: PassThroughRequest['endpoint']): PassThroughRequest {
  const request: PassThroughRequest = {
    endpoint,
    // AIHub's own routing fields (`models`, `provider`) are not the vendor's: it would refuse them.
    body: withoutRoutingFields(
      run.surface.passThrough?.upstreamBody?.(run.input) ?? (run.input.body as Record<string, unknown>),
    ),
    headers: run.input.headers,
    stream: run.request.stream,
  };
  // Billing may have capped the output to what the caller can afford, or set the limit the hold
  // covers where the client set none (relay-billing.ts): the vendor's limit field gets it.
  const held = run.request.maxOutputTokens;
  if (held !== undefined && held !== run.clientMaxOutputTokens) request.maxOutputTokens = held;
  return request;
}

async function openCall(run: AttemptRun, endpoint: PassThroughRequest['endpoint']): Promise<OpenedCall> {
  try {
    return await openPassThroughCall(passThroughRequest(run, endpoint), run.attempt, run.deps, run.signal);
  } catch (error) {
    if (error instanceof GatewayError && error.upstreamStatus !== undefined) throw upstreamFault(error);
    throw error;
  }
}

/** A whole answer: decoded for the meter, sent as the vendor wrote it. */
export async function passThroughJson(run: AttemptRun, endpoint: PassThroughRequest['endpoint']): Promise<unknown> {
  const call = await openCall(run, endpoint);
  const { body, result } = await readUpstreamAnswer(call, run);
  run.meter.observeResult(result);
  run.onServed?.({ kind: 'pass-through', answer: body });
  const headers = servedHeaders(run.attempt, run.attemptNumber, []);
  run.onFirstByte();
  return sendCostedJson(run, headers, body);
}

/**
 * A stream: each upstream event is decoded for the meter and forwarded as it came. As on the
 * translated path, nothing is sent before the first event with content (a failure before can go
 * to another channel), and the closing events (from the one that finishes the answer) wait for
 * the settlement. An upstream error event after the start is forwarded as the vendor wrote it;
 * a broken connection ends with the surface's own error event.
 */
export async function passThroughStream(
  run: AttemptRun,
  endpoint: PassThroughRequest['endpoint'],
): Promise<GatewayError | undefined> {
  const { client, deps, surface } = run;
  const framer = surface.passThrough?.createFramer(run.input);
  if (!framer) throw new GatewayError({ kind: 'internal', message: `${surface.id} has no pass-through framing.` });
  const call = await openCall(run, endpoint);
  const output = new StreamOutput(
    client,
    {
      'content-type': surface.streamContentType(run.request, run.input),
      ...servedHeaders(run.attempt, run.attemptNumber, []),
    },
    run.onFirstByte,
  );
  const decoder = call.createStreamDecoder();
  const events = readSseEvents(call.response.body);
  let failure: GatewayError | undefined;
  let closing = false;
  let opening = ''; // the stream's opening events (message_start, ping) wait for its first content
  let upstreamErrorFrame = '';
  try {
    for (;;) {
      let next: IteratorResult<SseEvent>;
      let parts: StreamPart[];
      try {
        next = await events.next();
        parts = next.done ? decoder.end() : decoder.push(next.value);
      } catch (error) {
        failure = attemptFailure(error, client.signal.aborted).error;
        break;
      }
      const error = parts.find((part) => part.type === 'error');
      if (error) {
        failure = upstreamFault(error.error);
        if (!next.done) upstreamErrorFrame = framer.frame(next.value);
        break;
      }
      if (next.done) break;
      let content = false;
      for (const part of parts) {
        run.meter.observe(part);
        if (part.type === 'finish') closing = true;
        else if (part.type !== 'usage' && part.type !== 'response-metadata') content = true;
      }
      const text = framer.frame(next.value);
      if (closing) output.holdBack(opening + text);
      else if (content || output.committed) await output.send(opening + text);
      else {
        opening += text;
        continue;
      }
      opening = '';
    }
  } finally {
    await events.return(undefined);
  }
  if (failure) discardBody(call.response.body);
  if (failure && !output.committed) throw failure;

  const settled = await settleBeforeLastBytes(run, output, deps);
  const ending = failure ?? settled.error;
  let tail = '';
  if (ending)
    tail =
      failure && upstreamErrorFrame
        ? upstreamErrorFrame
        : framer.error(surface.encodeError(fromGatewaySide(ending)).body);
  await output.close(tail + framer.end());
  const answer = framer.answer?.();
  if (answer !== undefined) run.onServed?.({ kind: 'pass-through', answer });
  return ending;
}
