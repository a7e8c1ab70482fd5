import { encodeChatCompletion } from '../surfaces/openai/encode-result.js';
import type { AttemptRun } from './attempt-run.js';
import { openProviderCall, readJsonBody } from './provider-call.js';
import { reasoningFormat } from './reasoning-format.js';
import { servedHeaders } from './relay-headers.js';

/** Answers a non-streaming request from one attempt. Any failure is thrown (the caller may retry). */
export async function relayJson(run: AttemptRun): Promise<void> {
  const { attempt, deps } = run;
  const call = await openProviderCall(run.prepared, attempt, deps, run.signal);
  const result = call.provider.decodeResponse(await readJsonBody(call.response), call.context);
  run.meter.observeResult(result);
  const body = encodeChatCompletion(result, {
    id: `chatcmpl-${run.requestId}`,
    created: Math.floor(deps.now() / 1000),
    model: run.request.model,
    reasoningFormat: reasoningFormat(attempt.channel.provider),
  });
  run.onFirstByte();
  run.client.sendJson(200, servedHeaders(attempt, run.attemptNumber, call.encoded.droppedParams), body);
}
