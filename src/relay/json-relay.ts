import { encodeChatCompletion } from '../surfaces/openai/encode-result.js';
import type { AttemptRun } from './attempt-run.js';
import { reasoningFormat } from './reasoning-format.js';
import { servedHeaders } from './relay-headers.js';
import { openUpstream, readUpstreamResult } from './upstream-exchange.js';

/**
 * Answers a non-streaming request from one attempt. Any failure is thrown (the caller may retry).
 * The body is written only once the charge for it is committed.
 */
export async function relayJson(run: AttemptRun): Promise<void> {
  const { attempt, deps } = run;
  const call = await openUpstream(run);
  const result = await readUpstreamResult(call, run);
  run.meter.observeResult(result);
  const body = encodeChatCompletion(result, {
    id: `chatcmpl-${run.requestId}`,
    created: Math.floor(deps.now() / 1000),
    model: run.request.model,
    reasoningFormat: reasoningFormat(attempt.channel.provider),
  });
  const headers = servedHeaders(attempt, run.attemptNumber, call.encoded.droppedParams);
  run.onFirstByte();
  await run.settle();
  run.client.sendJson(200, headers, body);
}
