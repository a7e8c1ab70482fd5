import { StringDecoder } from 'node:string_decoder';
import multipart from '@fastify/multipart';
import { createParser } from 'eventsource-parser';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeImageAnswer } from '../../images/image-answer.js';
import { decodeImageEditRequest, decodeImageGenerationRequest, MAX_EDIT_IMAGES } from '../../images/image-request.js';
import type { ImageRequest } from '../../images/image-types.js';
import type { GatewayError } from '../../ir/index.js';
import { emptyImageStreamTally, tallyImageStreamEvent } from '../../providers/openai/image-stream-usage.js';
import type { ClientConnection } from '../../relay/client-connection.js';
import { type AdmittedImages, imagesRequest } from '../../relay/images-request.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';
import { readUploadForm } from '../upload-form.js';
import { beginRelayedCall, callFailure, recordRelayedCall } from './relayed-call.js';

/**
 * `POST /v1/images/generations` (JSON) and `POST /v1/images/edits` (multipart/form-data, up to
 * `uploadLimitBytes`), OpenAI's shapes for any vendor behind (relay/images-request.ts). A whole
 * answer is OpenAI's ImagesResponse; `stream: true` (GPT image models) relays the vendor's SSE
 * events byte for byte and bills the completed events' usage. Errors answer in OpenAI's envelope;
 * the request log gets one record marked `images`, with its cost and units.
 */
export function registerImages(app: FastifyInstance, deps: RelayDeps, options: { uploadLimitBytes: number }): void {
  app.post(
    '/v1/images/generations',
    imagesHandler(deps, (request) => decodeImageGenerationRequest(request.body)),
  );
  // Its own scope: the multipart parser applies to this route alone.
  app.register(async (scope) => {
    await scope.register(multipart);
    scope.post(
      '/v1/images/edits',
      imagesHandler(deps, async (request) =>
        decodeImageEditRequest(
          await readUploadForm(request, {
            totalBytes: options.uploadLimitBytes,
            // Every image and the mask, plus one over so that 17 images are the decoder's clear 400.
            files: MAX_EDIT_IMAGES + 2,
            fields: 32,
            parts: 64,
          }),
        ),
      ),
    );
  });
}

function imagesHandler(deps: RelayDeps, decode: (request: FastifyRequest) => ImageRequest | Promise<ImageRequest>) {
  const surface = openAIChatSurface;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const call = beginRelayedCall(request, reply, deps, surface, 'images');
    const { res, trace } = call;
    const client = nodeClientConnection(res, request.id);
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    let stream = false;
    try {
      caller = await authenticateCaller(request, deps);
      const decoded = await decode(request);
      stream = decoded.stream;
      const admitted = await imagesRequest(
        { requestId: request.id, caller, request: decoded, trace, signal: client.signal },
        deps,
      );
      failure = await answer(admitted, client, deps);
      if (failure) trace.streamError = failure;
    } catch (error) {
      failure = callFailure(error, request.id, deps);
      writeErrorResponse(res, failure, request.id, surface);
    } finally {
      recordRelayedCall(deps, request, call, {
        caller,
        status: failure && !stream ? failure.status : failure && !res.headersSent ? failure.status : 200,
        stream,
        error: failure,
      });
    }
  };
}

/** Sends the answer and settles it; a stream cut short returns its error (the 200 is already sent). */
async function answer(
  admitted: AdmittedImages,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<GatewayError | undefined> {
  const { answer } = admitted;
  if (answer.kind === 'json') {
    await admitted.finish(answer.result);
    client.sendJson(200, admitted.headers, encodeImageAnswer(answer.result, deps.now));
    return undefined;
  }
  const tally = emptyImageStreamTally();
  const parser = createParser({
    onEvent: (event) => tallyImageStreamEvent(tally, { event: event.event, data: event.data }),
  });
  const decoder = new StringDecoder('utf8');
  let cut: GatewayError | undefined;
  client.startStream(admitted.headers);
  try {
    for await (const chunk of answer.response.body) {
      const text = decoder.write(chunk as Buffer);
      if (text === '') continue;
      parser.feed(text);
      await client.write(text);
    }
    const rest = decoder.end();
    if (rest) {
      parser.feed(rest);
      await client.write(rest);
    }
    parser.feed('\n\n');
  } catch (error) {
    cut = toGatewayError(error);
  } finally {
    answer.dispose();
    client.end();
  }
  // Billed for the images completed, whatever happened after (their usage is the vendor's bill).
  await admitted.finish(
    tally.completed > 0
      ? { images: Array.from({ length: tally.completed }, () => ({})), usage: tally.usage }
      : undefined,
  );
  return cut;
}
