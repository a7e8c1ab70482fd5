import { type AttemptRun, responseMeta } from './attempt-run.js';
import { sendCostedJson } from './costed-json.js';
import { servedHeaders } from './relay-headers.js';
import { openUpstream, readUpstreamResult } from './upstream-exchange.js';

/**
 * Answers a non-streaming request from one attempt, in the surface's format. Any failure is
 * thrown (the caller may retry). The body is written only once the charge for it is committed.
 */
export async function relayJson(run: AttemptRun): Promise<unknown> {
  const call = await openUpstream(run);
  const result = await readUpstreamResult(call, run);
  run.meter.observeResult(result);
  const meta = responseMeta(run);
  const body = run.surface.encodeResult(result, run.request, meta);
  run.onServed?.({ kind: 'json', result, meta });
  const headers = servedHeaders(run.attempt, run.attemptNumber, call.encoded.droppedParams);
  run.onFirstByte();
  return sendCostedJson(run, headers, body);
}
