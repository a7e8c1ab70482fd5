import { countTokens } from '../billing/token-estimate.js';
import type { GatewayError, StreamPart } from '../ir/index.js';
import type { SurfaceStreamEncoder } from '../surfaces/surface.js';
import { discardBody } from '../upstream/http-client.js';
import { attemptFailure } from './attempt-failure.js';
import { type AttemptRun, responseMeta } from './attempt-run.js';
import type { OpenedCall } from './provider-call.js';
import { servedHeaders } from './relay-headers.js';
import { settleBeforeLastBytes } from './settle-stream.js';
import { ContinuationWatch, continuationRequest, continuedUsage, resumeAfter } from './stream-continuation.js';
import { StreamOutput } from './stream-output.js';
import { openUpstream, upstreamEvents } from './upstream-exchange.js';
import { fromGatewaySide } from './upstream-failure.js';

/**
 * Streams one attempt to the client, in the surface's format. Nothing is sent until the first chunk with content: a
 * failure before that (an error event right after HTTP 200, a stream that breaks early) is thrown,
 * so the caller can still try another channel or answer with a proper status. After that, a
 * failure becomes an in-band error chunk and the stream still ends with `[DONE]`. The closing
 * frames wait for the settlement (StreamOutput). Returns what cut the stream short, if anything:
 * the upstream's failure (marked, see upstream-exchange.ts), the client's leaving, or AIHub's own.
 *
 * When the upstream streams the surface's own frames (OpenAI itself to a Chat Completions client),
 * each event is still decoded for the meter, but the encoder forwards the event's bytes with only
 * our id spliced in where it can (SurfaceStreamEncoder.forward), rather than encoding the parts
 * again: fields AIHub does not model survive, and no chunk is serialised twice.
 */
export async function relayStream(run: AttemptRun): Promise<GatewayError | undefined> {
  const { request, attempt, client, deps, surface } = run;
  const call = await openUpstream(run);
  const meta = responseMeta(run);
  const encoder = surface.createStreamEncoder(request, meta, run.input);
  run.onServed?.({ kind: 'stream', encoder, meta });
  const output = new StreamOutput(
    client,
    {
      'content-type': surface.streamContentType(request, run.input),
      ...servedHeaders(attempt, run.attemptNumber, call.encoded.droppedParams),
    },
    run.onFirstByte,
  );
  // What a continuation on another channel would start from, when the operator allows them.
  const watch = run.continuation ? new ContinuationWatch() : undefined;
  const observe = watch && ((part: StreamPart) => watch.observe(part));
  let failure = await pump(call, run, {
    encoder,
    output,
    forwarding: forwardsFrames(run, encoder),
    transform: observe,
  });
  if (failure) discardBody(call.response.body);
  if (failure && !output.committed) throw failure;
  if (failure && watch && run.continuation)
    failure = await continueElsewhere(run, run.continuation, watch, failure, encoder, output);

  // Billed before the last bytes: if the settlement fails, the answer ends with an error instead.
  const settled = await settleBeforeLastBytes(run, output, deps);
  const ending = failure ?? settled.error;
  await output.close((ending ? encoder.error(fromGatewaySide(ending)) : '') + encoder.end(settled.cost));
  return ending;
}

interface PumpTarget {
  encoder: SurfaceStreamEncoder;
  output: StreamOutput;
  /** Forward the upstream's own frames (same wire format) instead of encoding their parts. */
  forwarding: boolean;
  /** Sees each part first; may change it, or drop it (undefined). */
  transform?: ((part: StreamPart) => StreamPart | undefined) | undefined;
}

/**
 * Streams the upstream's events into the output until they end or fail; returns the failure. The
 * meter records what is delivered; closing frames are held back for after the settlement.
 */
async function pump(call: OpenedCall, run: AttemptRun, target: PumpTarget): Promise<GatewayError | undefined> {
  const { encoder, output, forwarding, transform } = target;
  // Forwarded frames without content (OpenAI's first chunk, which announces the role) wait for the
  // first one with content, so a failure before it can still go to another channel.
  let opening = '';
  try {
    for await (const event of upstreamEvents(call, run)) {
      const { data } = event;
      const parts = transform ? transformed(event.parts, transform) : event.parts;
      let kind: FrameKind = 'opening';
      let error: GatewayError | undefined;
      let delivered = parts.length;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as StreamPart;
        if (part.type === 'error') {
          error = part.error;
          delivered = i;
          break;
        }
        run.meter.observe(part);
        kind = frameKind(kind, part);
      }
      const frame = forwarding && !error && data !== undefined ? encoder.forward?.(data, parts) : undefined;
      if (frame === undefined) {
        for (let i = 0; i < delivered; i++) {
          const part = parts[i] as StreamPart;
          const text = encoder.encode(part);
          if (!text) continue;
          opening = ''; // the encoder announces the role on its own first delta
          if (part.type === 'finish') output.holdBack(text);
          else await output.send(text);
        }
      } else if (frame !== '') {
        if (kind === 'closing') output.holdBack(opening + frame);
        else if (kind === 'content' || output.committed) await output.send(opening + frame);
        else {
          opening += frame;
          continue;
        }
        opening = '';
      }
      if (error) return error;
    }
    return undefined;
  } catch (thrown) {
    return attemptFailure(thrown, run.client.signal.aborted).error;
  }
}

function transformed(parts: StreamPart[], transform: (part: StreamPart) => StreamPart | undefined): StreamPart[] {
  const out: StreamPart[] = [];
  for (const part of parts) {
    // An error part is the stream's end, never the transform's business.
    const next = part.type === 'error' ? part : transform(part);
    if (next) out.push(next);
  }
  return out;
}

/**
 * After a committed stream broke: continues it on other channels (stream-continuation.ts) while
 * it may be, each continuation streaming into the same encoder and output. Returns what ended the
 * answer: undefined when a continuation finished it, else the last failure.
 */
async function continueElsewhere(
  run: AttemptRun,
  continuation: NonNullable<AttemptRun['continuation']>,
  watch: ContinuationWatch,
  broken: GatewayError,
  encoder: SurfaceStreamEncoder,
  output: StreamOutput,
): Promise<GatewayError | undefined> {
  let failure: GatewayError | undefined = broken;
  while (failure && !run.client.signal.aborted) {
    const prefix = watch.prefix(run.meter.text);
    if (prefix === undefined) break;
    const deliveredTokens = Math.max(countTokens(prefix), watch.reportedOutput);
    const segment = await continuation.open(continuationRequest(run.request, prefix, deliveredTokens), failure);
    if (!segment) break;
    const prefixTokens = countTokens(prefix.trimEnd());
    let pendingSpace = prefix.slice(prefix.trimEnd().length);
    const resume = (part: StreamPart): StreamPart | undefined => {
      switch (part.type) {
        case 'response-metadata':
          return undefined; // the answer's id and model were announced by the first channel
        case 'text-delta': {
          const resumed = resumeAfter(part.delta, pendingSpace);
          pendingSpace = resumed.pendingSpace;
          return resumed.delta ? watch.observe({ ...part, delta: resumed.delta }) : undefined;
        }
        case 'usage':
          return watch.observe({ type: 'usage', usage: continuedUsage(part.usage, prefixTokens, deliveredTokens) });
        default:
          return watch.observe(part);
      }
    };
    failure = await pump(segment.call, segment.run, { encoder, output, forwarding: false, transform: resume });
    if (failure) discardBody(segment.call.response.body);
    segment.end(failure);
  }
  return failure;
}

/**
 * What a forwarded frame is to the output: `closing` (a finish or the usage, held back until the
 * settlement), `content` (sent), or `opening` (nothing the client reads yet: waits before the start).
 */
type FrameKind = 'opening' | 'content' | 'closing';

function frameKind(kind: FrameKind, part: StreamPart): FrameKind {
  if (part.type === 'finish' || part.type === 'usage') return 'closing';
  if (kind === 'opening' && part.type !== 'response-metadata') return 'content';
  return kind;
}

/** The channel's vendor streams the surface's own frames, and the surface can forward them. */
function forwardsFrames(run: AttemptRun, encoder: SurfaceStreamEncoder): boolean {
  const { channel } = run.attempt;
  if (!encoder.forward || run.surface.nativeProvider !== channel.provider) return false;
  return run.deps.providers[channel.provider].forwardsStreamFrames?.(channel.compat) === true;
}
