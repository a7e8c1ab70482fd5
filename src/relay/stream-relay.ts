import type { GatewayError } from '../ir/index.js';
import { discardBody } from '../upstream/http-client.js';
import { attemptFailure } from './attempt-failure.js';
import { type AttemptRun, responseMeta } from './attempt-run.js';
import { servedHeaders } from './relay-headers.js';
import { settleBeforeLastBytes } from './settle-stream.js';
import { StreamOutput } from './stream-output.js';
import { openUpstream, upstreamParts } from './upstream-exchange.js';
import { fromGatewaySide } from './upstream-failure.js';

/**
 * Streams one attempt to the client, in the surface's format. Nothing is sent until the first chunk with content: a
 * failure before that (an error event right after HTTP 200, a stream that breaks early) is thrown,
 * so the caller can still try another channel or answer with a proper status. After that, a
 * failure becomes an in-band error chunk and the stream still ends with `[DONE]`. The closing
 * frames wait for the settlement (StreamOutput). Returns what cut the stream short, if anything:
 * the upstream's failure (marked, see upstream-exchange.ts), the client's leaving, or AIHub's own.
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

  let failure: GatewayError | undefined;
  try {
    reading: for await (const parts of upstreamParts(call, run)) {
      for (const part of parts) {
        if (part.type === 'error') {
          failure = part.error;
          break reading;
        }
        run.meter.observe(part);
        const text = encoder.encode(part);
        if (!text) continue;
        if (part.type === 'finish') output.holdBack(text);
        else await output.send(text);
      }
    }
  } catch (thrown) {
    failure = attemptFailure(thrown, client.signal.aborted).error;
  }
  if (failure) discardBody(call.response.body);
  if (failure && !output.committed) throw failure;

  // Billed before the last bytes: if the settlement fails, the answer ends with an error instead.
  const unsettled = await settleBeforeLastBytes(run, output, deps);
  const ending = failure ?? unsettled;
  await output.close((ending ? encoder.error(fromGatewaySide(ending)) : '') + encoder.end());
  return ending;
}
