import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeTranscriptionForm } from '../../audio/transcription-request.js';
import type { GatewayError } from '../../ir/index.js';
import type { RequestEndpoint } from '../../logs/request-log-entry.js';
import type { AudioSink } from '../../relay/audio-sink.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import type { RelayTrace } from '../../relay/relay-trace.js';
import { speechRequest } from '../../relay/speech-request.js';
import { transcriptionRequest } from '../../relay/transcription-request.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { AUDIO_FORM_LIMITS, readAudioForm } from '../audio-form.js';
import { nodeAudioSink } from '../audio-sink.js';
import { authenticateCaller } from '../authenticate.js';
import { writeErrorResponse } from '../error-response.js';
import { beginRelayedCall, callFailure, recordRelayedCall } from './relayed-call.js';

interface AudioCall {
  request: FastifyRequest;
  caller: RelayCaller;
  trace: RelayTrace;
  sink: AudioSink;
}

/**
 * The handler of an audio endpoint: authenticate, run the work (which writes the answer to the
 * sink as it comes), answer any failure before the answer began in OpenAI's envelope (after it
 * began, the connection is cut), and leave one request-log record marked with the endpoint.
 */
function audioEndpointHandler(endpoint: RequestEndpoint, deps: RelayDeps, work: (call: AudioCall) => Promise<void>) {
  const surface = openAIChatSurface;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const call = beginRelayedCall(request, reply, deps, surface, endpoint);
    const { res, trace } = call;
    const sink = nodeAudioSink(res, request.id);
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      caller = await authenticateCaller(request, deps);
      await work({ request, caller, trace, sink });
    } catch (error) {
      failure = callFailure(error, request.id, deps);
      if (sink.started) sink.abort();
      else writeErrorResponse(res, failure, request.id, surface);
    } finally {
      recordRelayedCall(deps, request, call, {
        caller,
        status: failure && !sink.started ? failure.status : 200,
        stream: trace.request?.stream === true,
        error: failure,
      });
    }
  };
}

/**
 * OpenAI's audio endpoints for any vendor behind (relay/speech-request.ts,
 * relay/transcription-request.ts): `POST /v1/audio/speech` (JSON in, audio out as it arrives),
 * `/v1/audio/transcriptions` and `/v1/audio/translations` (multipart in). The multipart parser is
 * registered in this scope only: every other route keeps reading JSON.
 */
export function registerAudio(app: FastifyInstance, deps: RelayDeps): void {
  app.post(
    '/v1/audio/speech',
    audioEndpointHandler('speech', deps, ({ request, caller, trace, sink }) =>
      speechRequest({ requestId: request.id, caller, body: request.body, trace, sink }, deps),
    ),
  );
  app.register(async (scope) => {
    await scope.register(multipart, { limits: AUDIO_FORM_LIMITS });
    for (const [path, task] of [
      ['/v1/audio/transcriptions', 'transcribe'],
      ['/v1/audio/translations', 'translate'],
    ] as const) {
      scope.post(
        path,
        audioEndpointHandler('transcription', deps, async ({ request, caller, trace, sink }) => {
          const form = await readAudioForm(request);
          const decoded = decodeTranscriptionForm(task, form.fields, form.file);
          await transcriptionRequest({ requestId: request.id, caller, request: decoded, trace, sink }, deps);
        }),
      );
    }
  });
}
