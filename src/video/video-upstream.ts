import { GatewayError } from '../ir/index.js';
import type { JobPollResult } from '../jobs/job-driver.js';
import {
  decodeVeoOperation,
  decodeVeoOperationName,
  encodeVeoSubmission,
  veoDownloadRequest,
  veoOperationRequest,
} from '../providers/gemini/videos.js';
import {
  decodeOpenAIVideoId,
  decodeOpenAIVideoPoll,
  encodeOpenAIVideoSubmission,
  openAIVideoRequest,
} from '../providers/openai/videos.js';
import type { Provider, ProviderId } from '../providers/provider.js';
import type { Channel } from '../routing/channel.js';
import {
  discardBody,
  readBodyText,
  sendUpstream,
  type UpstreamRequestSpec,
  type UpstreamResponse,
  type UpstreamSignal,
} from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { videoFamilyOf } from './video-models.js';
import type { VideoJobRequest, VideoJobResult, VideoRequest, VideoVariant } from './video-types.js';

/** Which channel, key and upstream model a video call uses. */
export interface VideoTarget {
  channel: Channel;
  apiKey: string;
  upstreamModel: string;
}

/** Sora is served by OpenAI channels, Veo by Gemini channels; nothing else makes videos. */
export function servesVideo(provider: ProviderId, upstreamModel: string): boolean {
  const family = videoFamilyOf(upstreamModel)?.family;
  return (family === 'sora' && provider === 'openai') || (family === 'veo' && provider === 'gemini');
}

function targetOf(target: VideoTarget) {
  const { channel } = target;
  return {
    baseUrl: channel.baseUrl,
    apiKey: target.apiKey,
    model: target.upstreamModel,
    ...(channel.headers ? { headers: channel.headers } : {}),
  };
}

/** Sends one call; a non-2xx answer is read and thrown as the vendor's GatewayError (with its retry-after). */
async function send(
  spec: UpstreamRequestSpec,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<UpstreamResponse> {
  const response = await sendUpstream(spec, signal, target.channel.timeouts, target.channel.proxyUrl);
  if (response.status >= 200 && response.status < 300) return response;
  const text = await readBodyText(response.body).catch(() => '');
  // The vendor's own error status, as the embeddings relay marks it: the attempt rules decide from it.
  const error = provider.decodeError(response.status, response.headers, text);
  throw error.upstreamStatus !== undefined ? upstreamFault(error) : error;
}

async function sendForJson(
  spec: UpstreamRequestSpec,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<unknown> {
  const response = await send(spec, target, provider, signal);
  const text = await readBodyText(response.body);
  try {
    return JSON.parse(text);
  } catch {
    throw upstreamFault(
      new GatewayError({
        kind: 'upstream_error',
        message: 'The upstream answered with invalid JSON.',
        code: 'upstream_invalid_response',
      }),
    );
  }
}

/** Starts the job at the vendor; answers the vendor's id for it (OpenAI video id, Gemini operation name). */
export async function submitVideo(
  request: VideoRequest,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<string> {
  const wire = targetOf(target);
  if (target.channel.provider === 'openai') {
    return decodeOpenAIVideoId(await sendForJson(encodeOpenAIVideoSubmission(request, wire), target, provider, signal));
  }
  if (target.channel.provider === 'gemini') {
    return decodeVeoOperationName(await sendForJson(encodeVeoSubmission(request, wire), target, provider, signal));
  }
  throw new GatewayError({ kind: 'internal', message: `${target.channel.provider} channels make no videos.` });
}

/** Looks at the job at its vendor. Throws (with the vendor's retry-after, if any) when it cannot tell. */
export async function pollVideo(
  upstreamId: string,
  asked: VideoJobRequest,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<JobPollResult> {
  const wire = targetOf(target);
  if (target.channel.provider === 'openai') {
    const body = await sendForJson(openAIVideoRequest(wire, upstreamId, 'retrieve'), target, provider, signal);
    return decodeOpenAIVideoPoll(body, asked);
  }
  const body = await sendForJson(veoOperationRequest(wire, upstreamId), target, provider, signal);
  return decodeVeoOperation(body, asked);
}

/** Opens the finished video's bytes (or a preview variant, where the vendor makes them) for streaming. */
export async function openVideoContent(
  upstreamId: string,
  result: VideoJobResult,
  variant: VideoVariant,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<UpstreamResponse> {
  const wire = targetOf(target);
  if (target.channel.provider === 'openai') {
    return send(openAIVideoRequest(wire, upstreamId, { content: variant }), target, provider, signal);
  }
  if (variant !== 'video' || !result.uri) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `Veo makes no ${variant}; ask for variant=video.`,
      param: 'variant',
      code: 'invalid_value',
    });
  }
  return send(veoDownloadRequest(wire, result.uri), target, provider, signal);
}

/** Deletes the vendor's copy where the vendor has a delete (OpenAI); Veo's files expire by themselves. */
export async function deleteUpstreamVideo(
  upstreamId: string,
  target: VideoTarget,
  provider: Provider,
  signal: UpstreamSignal,
): Promise<void> {
  if (target.channel.provider !== 'openai') return;
  const response = await send(openAIVideoRequest(targetOf(target), upstreamId, 'delete'), target, provider, signal);
  discardBody(response.body);
}
