import { randomBytes } from 'node:crypto';
import { GatewayError } from '../../ir/index.js';
import type { JobPollResult } from '../../jobs/job-driver.js';
import type { UpstreamRequestSpec } from '../../upstream/http-client.js';
import type { VideoJobResult, VideoRequest, VideoVariant } from '../../video/video-types.js';
import type { ProviderContext } from '../provider.js';

/**
 * OpenAI's videos API (Sora) as an upstream: `POST {base}/videos` (JSON, or multipart with the
 * reference image as `input_reference`, as openai-node sends it), `GET {base}/videos/{id}` to
 * poll, `GET {base}/videos/{id}/content?variant=` for the bytes, `DELETE {base}/videos/{id}`.
 */
type Target = ProviderContext['target'];

function base(target: Target): string {
  return target.baseUrl.replace(/\/+$/, '');
}

function authHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/** The submission, with the channel's model; `boundary` is injectable so tests are deterministic. */
export function encodeOpenAIVideoSubmission(
  request: VideoRequest,
  target: Target,
  boundary = `----aihub${randomBytes(12).toString('hex')}`,
): UpstreamRequestSpec {
  const url = `${base(target)}/videos`;
  const fields = { model: target.model, prompt: request.prompt, seconds: String(request.seconds), size: request.size };
  const reference = request.inputReference;
  if (reference?.kind !== 'file') {
    const body: Record<string, unknown> = { ...fields };
    if (reference?.kind === 'url') body.input_reference = { image_url: reference.url };
    return {
      method: 'POST',
      url,
      headers: { ...authHeaders(target), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  const filename = reference.filename.replace(/["\r\n\\]/g, '_');
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="input_reference"; filename="${filename}"\r\n` +
        `content-type: ${reference.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
    ),
    Buffer.from(reference.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    method: 'POST',
    url,
    headers: { ...authHeaders(target), 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat(parts),
  };
}

export function openAIVideoRequest(
  target: Target,
  upstreamId: string,
  action: 'retrieve' | 'delete' | { content: VideoVariant },
): UpstreamRequestSpec {
  const url = `${base(target)}/videos/${encodeURIComponent(upstreamId)}`;
  if (action === 'retrieve') return { method: 'GET', url, headers: authHeaders(target) };
  if (action === 'delete') return { method: 'DELETE', url, headers: authHeaders(target) };
  return {
    method: 'GET',
    url: `${url}/content?variant=${action.content}`,
    headers: { ...authHeaders(target), accept: 'application/binary' },
  };
}

function invalidAnswer(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message, code: 'upstream_invalid_response' });
}

/** The vendor's id of a video it accepted. */
export function decodeOpenAIVideoId(body: unknown): string {
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') throw invalidAnswer('The upstream accepted a video without an id.');
  return id;
}

/**
 * A polled video object → where the job stands. A completed video is billed for the seconds and
 * size it reports (what was generated), falling back to what was asked.
 */
export function decodeOpenAIVideoPoll(body: unknown, asked: { seconds: number; size: string }): JobPollResult {
  const video = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const progress = typeof video.progress === 'number' ? Math.max(0, Math.min(100, Math.round(video.progress))) : 0;
  switch (video.status) {
    case 'queued':
    case 'in_progress':
      return { state: 'pending', status: video.status, progress };
    case 'completed': {
      const seconds = Number(video.seconds);
      const size = typeof video.size === 'string' && video.size !== '' ? video.size : asked.size;
      const result: VideoJobResult = {
        seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : asked.seconds,
        size,
      };
      if (typeof video.expires_at === 'number') result.expiresAt = video.expires_at;
      return { state: 'completed', result, units: { [`video_second:${size}`]: result.seconds } };
    }
    case 'failed': {
      const error = (video.error ?? {}) as { code?: unknown; message?: unknown };
      return {
        state: 'failed',
        error: {
          code: typeof error.code === 'string' ? error.code : 'video_generation_failed',
          message: typeof error.message === 'string' ? error.message : 'The vendor could not generate the video.',
        },
      };
    }
    default:
      throw invalidAnswer(`The upstream answered a video in an unknown status '${String(video.status)}'.`);
  }
}
