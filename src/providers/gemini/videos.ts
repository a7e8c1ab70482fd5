import { GatewayError } from '../../ir/index.js';
import type { JobPollResult } from '../../jobs/job-driver.js';
import type { UpstreamRequestSpec } from '../../upstream/http-client.js';
import { veoShapeOf } from '../../video/video-models.js';
import type { VideoJobResult, VideoRequest } from '../../video/video-types.js';
import type { ProviderContext } from '../provider.js';

/**
 * Veo through the Gemini API, as js-genai's `generateVideos` / `getVideosOperation` speak it:
 * `POST {base}/v1beta/models/{model}:predictLongRunning` with `{instances:[{prompt, image?}],
 * parameters:{sampleCount, durationSeconds, aspectRatio, resolution}}` answers a long-running
 * operation; `GET {base}/v1beta/{operation name}` polls it until `done`, with
 * `response.generateVideoResponse.generatedSamples[].video.uri` (downloaded with the key) or `error`.
 */
type Target = ProviderContext['target'];

function base(target: Target): string {
  return target.baseUrl.replace(/\/+$/, '');
}

function keyHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}

export function encodeVeoSubmission(request: VideoRequest, target: Target): UpstreamRequestSpec {
  const shape = veoShapeOf(request.size);
  if (!shape)
    throw invalid(`Veo makes 1280x720, 720x1280, 1920x1080 or 1080x1920 videos, not ${request.size}.`, 'size');
  const instance: Record<string, unknown> = { prompt: request.prompt };
  const reference = request.inputReference;
  if (reference?.kind === 'url') {
    throw invalid("Veo takes the reference image as an upload: send 'input_reference' as a file.", 'input_reference');
  }
  if (reference) {
    instance.image = {
      bytesBase64Encoded: Buffer.from(reference.bytes).toString('base64'),
      mimeType: reference.contentType,
    };
  }
  const model = target.model.replace(/^models\//, '');
  return {
    method: 'POST',
    url: `${base(target)}/v1beta/models/${encodeURIComponent(model)}:predictLongRunning`,
    headers: { ...keyHeaders(target), 'content-type': 'application/json' },
    body: JSON.stringify({
      instances: [instance],
      parameters: { sampleCount: 1, durationSeconds: request.seconds, ...shape },
    }),
  };
}

/** The operation's name: what is polled. */
export function decodeVeoOperationName(body: unknown): string {
  const name = (body as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._\-/]+$/.test(name)) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream started a video without an operation name.',
      code: 'upstream_invalid_response',
    });
  }
  return name;
}

export function veoOperationRequest(target: Target, name: string): UpstreamRequestSpec {
  return { method: 'GET', url: `${base(target)}/v1beta/${name}`, headers: keyHeaders(target) };
}

/**
 * The generated file, fetched with the channel's key. The key goes only to the channel's own
 * origin: a URI elsewhere is refused rather than sent the key.
 */
export function veoDownloadRequest(target: Target, uri: string): UpstreamRequestSpec {
  const origin = new URL(base(target)).origin;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    url = new URL('invalid:');
  }
  if (url.origin !== origin) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: "The vendor's video is not on the channel's host; AIHub does not send the channel key elsewhere.",
      code: 'upstream_invalid_response',
    });
  }
  return { method: 'GET', url: url.toString(), headers: keyHeaders(target) };
}

/** A polled operation → where the job stands. Veo reports no progress: pending is `in_progress` at 50. */
export function decodeVeoOperation(body: unknown, asked: { seconds: number; size: string }): JobPollResult {
  const operation = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (operation.done !== true) return { state: 'pending', status: 'in_progress', progress: 50 };
  const error = operation.error as { code?: unknown; message?: unknown } | undefined;
  if (error) {
    return {
      state: 'failed',
      error: {
        code: 'video_generation_failed',
        message: typeof error.message === 'string' ? error.message : 'The vendor could not generate the video.',
      },
    };
  }
  const response = (operation.response as { generateVideoResponse?: Record<string, unknown> } | undefined)
    ?.generateVideoResponse;
  const samples = Array.isArray(response?.generatedSamples) ? response.generatedSamples : [];
  const uri = (samples[0] as { video?: { uri?: unknown } } | undefined)?.video?.uri;
  if (typeof uri !== 'string' || uri === '') {
    const reasons = Array.isArray(response?.raiMediaFilteredReasons) ? response.raiMediaFilteredReasons.join(' ') : '';
    return {
      state: 'failed',
      error: {
        code: 'moderation_blocked',
        message: reasons || 'The vendor filtered the generated video; nothing was charged.',
      },
    };
  }
  const result: VideoJobResult = { seconds: asked.seconds, size: asked.size, uri };
  return { state: 'completed', result, units: { [`video_second:${asked.size}`]: asked.seconds } };
}
