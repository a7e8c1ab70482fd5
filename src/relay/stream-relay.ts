import type { GatewayError, StreamPart } from '../ir/index.js';
import { ChatCompletionStreamEncoder } from '../surfaces/openai/stream-encoder.js';
import { discardBody, networkError } from '../upstream/http-client.js';
import { readSseEvents } from '../upstream/sse-reader.js';
import type { AttemptRun } from './attempt-run.js';
import { openProviderCall } from './provider-call.js';
import { reasoningFormat } from './reasoning-format.js';
import { servedHeaders } from './relay-headers.js';

/**
 * Streams one attempt to the client. Nothing is sent until the first chunk with content: an
 * upstream that fails before that (an error event right after HTTP 200, a stream that ends
 * empty) is thrown, so the caller can still try another channel or answer with a proper status.
 * After that, a failure becomes an in-band error chunk and the stream still ends with `[DONE]`.
 * Returns the error that cut the stream short, if any.
 */
export async function relayStream(run: AttemptRun): Promise<GatewayError | undefined> {
  const { request, attempt, client, deps } = run;
  const call = await openProviderCall(run.prepared, attempt, deps, run.signal);
  const decoder = call.provider.createStreamDecoder(call.context);
  const encoder = new ChatCompletionStreamEncoder({
    id: `chatcmpl-${run.requestId}`,
    created: Math.floor(deps.now() / 1000),
    model: request.model,
    includeUsage: request.includeUsage,
    reasoningFormat: reasoningFormat(attempt.channel.provider),
  });
  const headers = servedHeaders(attempt, run.attemptNumber, call.encoded.droppedParams);
  let committed = false;
  let pending = '';
  let failure: GatewayError | undefined;

  /** Encodes parts; returns false once an error part ends the stream. */
  const forward = async (parts: StreamPart[]): Promise<boolean> => {
    for (const part of parts) {
      if (part.type === 'error') {
        failure = part.error;
        return false;
      }
      run.meter.observe(part);
      const text = encoder.encode(part);
      if (!text) continue;
      if (committed) {
        await client.write(text);
      } else {
        run.onFirstByte();
        client.startStream(headers);
        committed = true;
        await client.write(pending + text);
        pending = '';
      }
    }
    return true;
  };

  try {
    let open = true;
    for await (const event of readSseEvents(call.response.body)) {
      open = await forward(decoder.push(event));
      if (!open) break;
    }
    if (open) await forward(decoder.end());
  } catch (error) {
    failure = networkError(error, client.signal);
  }

  if (failure) {
    discardBody(call.response.body);
    if (!committed) throw failure;
    if (!client.signal.aborted) await client.write(encoder.error(failure));
  }
  if (!committed) {
    run.onFirstByte();
    client.startStream(headers);
    if (pending) await client.write(pending);
  }
  if (!client.signal.aborted) await client.write(encoder.end());
  client.end();
  return failure;
}
