/**
 * Video upstreams for the /v1/videos tests, in the vendors' wire formats:
 * - OpenAI's videos API at `{url}` (ends in `/v1`): `POST /videos` (JSON or multipart, as
 *   openai-node sends it) answers a `queued` video; each `GET /videos/{id}` moves it on, queued →
 *   in_progress (progress 50) → completed; `GET /videos/{id}/content?variant=` streams bytes
 *   (`video/mp4`, thumbnail/spritesheet `image/webp`); `DELETE /videos/{id}`.
 * - Veo's long-running operations at `{url}` (host root): `POST /v1beta/models/{m}:predictLongRunning`
 *   answers `{name}`; `GET /v1beta/{name}` is `done` on the second look with a file URI on this
 *   host; `GET /v1beta/files/{f}:download` streams it (key required).
 * Prompts steer the outcome: one containing `forbidden` is refused at submission (400
 * `moderation_blocked`, as OpenAI refuses a prompt), one containing `fail` fails in progress.
 * `enqueueSubmitFault` makes the next submissions answer 429 (with retry-after) or 5xx.
 * `holdInProgress(true)` keeps every OpenAI video in_progress however often it is looked at, until
 * `holdInProgress(false)` lets it finish (a long render, for the replica-kill test).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './server.js';

export interface VideoEmulator {
  url: string;
  /** Requests received: method, path (without query), and the parsed body fields. */
  requests: Array<{
    method: string;
    path: string;
    fields: Record<string, unknown>;
    file?: { name: string; size: number };
  }>;
  enqueueSubmitFault(fault: { status: number; retryAfterSeconds?: number }): void;
  /** While true, a looked-at video stays in_progress (progress 50) instead of finishing. */
  holdInProgress(hold: boolean): void;
  /** Bytes of every completed video's content (deterministic, larger than one socket chunk). */
  readonly contentBytes: Buffer;
  close(): Promise<void>;
}

interface EmulatedVideo {
  id: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  looks: number;
  createdAt: number;
}

const CONTENT = Buffer.alloc(3 * 1024 * 1024 + 17, 0);
for (let i = 0; i < CONTENT.length; i++) CONTENT[i] = (i * 31 + 7) & 0xff;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): undefined {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function openAIError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  json(res, status, { error: { message, type, param, code } });
}

export async function startVideoEmulator(options: { apiKey?: string; label?: string } = {}): Promise<VideoEmulator> {
  const apiKey = options.apiKey ?? 'test-key';
  const videos = new Map<string, EmulatedVideo>();
  const faults: Array<{ status: number; retryAfterSeconds?: number }> = [];
  const requests: VideoEmulator['requests'] = [];
  let base = '';
  let holding = false;

  const videoObject = (video: EmulatedVideo) => {
    const status =
      video.looks === 0
        ? 'queued'
        : video.looks === 1 || holding
          ? 'in_progress'
          : video.prompt.includes('fail')
            ? 'failed'
            : 'completed';
    return {
      id: video.id,
      object: 'video',
      model: video.model,
      status,
      progress: status === 'queued' ? 0 : status === 'in_progress' ? 50 : 100,
      created_at: video.createdAt,
      completed_at: status === 'completed' ? video.createdAt + 60 : null,
      expires_at: status === 'completed' ? video.createdAt + 86_400 : null,
      prompt: video.prompt,
      size: video.size,
      seconds: video.seconds,
      remixed_from_video_id: null,
      error: status === 'failed' ? { code: 'video_generation_failed', message: 'The emulated video failed.' } : null,
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const entry: VideoEmulator['requests'][number] = { method: req.method ?? '', path, fields: {} };
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw.buffer as ArrayBuffer, raw.byteOffset, raw.byteLength), {
        headers: { 'content-type': contentType },
      }).formData();
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') entry.fields[name] = value;
        else entry.file = { name: value.name, size: value.size };
      }
    } else if (raw.length > 0) {
      entry.fields = JSON.parse(raw.toString('utf8'));
    }
    requests.push(entry);

    if (path.startsWith('/v1beta/')) return handleVeo(req, res, path, entry.fields);
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return openAIError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    }
    if (req.method === 'POST' && path === '/v1/videos') {
      const fault = faults.shift();
      if (fault) {
        const headers: Record<string, string> = fault.retryAfterSeconds
          ? { 'retry-after': String(fault.retryAfterSeconds) }
          : {};
        if (fault.status === 429) {
          return json(
            res,
            429,
            { error: { message: 'Rate limit reached.', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
            headers,
          );
        }
        return openAIError(res, fault.status, 'The server had an error.', 'server_error', null);
      }
      const prompt = String(entry.fields.prompt ?? '');
      if (prompt.includes('forbidden')) {
        return openAIError(
          res,
          400,
          'Your request was blocked by our moderation system.',
          'invalid_request_error',
          'moderation_blocked',
          'prompt',
        );
      }
      const video: EmulatedVideo = {
        id: `video_${randomBytes(12).toString('hex')}`,
        model: String(entry.fields.model ?? 'sora-2'),
        prompt,
        seconds: String(entry.fields.seconds ?? '4'),
        size: String(entry.fields.size ?? '720x1280'),
        looks: 0,
        createdAt: Math.floor(Date.now() / 1000),
      };
      videos.set(video.id, video);
      return json(res, 200, videoObject(video));
    }
    const match = /^\/v1\/videos\/([^/]+)(\/content)?$/.exec(path);
    const video = match ? videos.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !video) return openAIError(res, 404, 'Video not found.', 'invalid_request_error', null);
    if (req.method === 'DELETE' && !match[2]) {
      videos.delete(video.id);
      return json(res, 200, { id: video.id, object: 'video.deleted', deleted: true });
    }
    if (req.method === 'GET' && !match[2]) {
      const answer = videoObject(video);
      video.looks++;
      return json(res, 200, answer);
    }
    if (req.method === 'GET' && match[2]) {
      if (videoObject(video).status !== 'completed') {
        return openAIError(res, 400, 'Video is not ready yet.', 'invalid_request_error', null);
      }
      const variant = url.searchParams.get('variant') ?? 'video';
      const bytes = variant === 'video' ? CONTENT : CONTENT.subarray(0, 1024);
      res.writeHead(200, {
        'content-type': variant === 'video' ? 'video/mp4' : 'image/webp',
        'content-length': String(bytes.length),
      });
      // In pieces, as a CDN streams: the relay must pass them on, not wait for the whole.
      for (let offset = 0; offset < bytes.length; offset += 256 * 1024)
        res.write(bytes.subarray(offset, offset + 256 * 1024));
      res.end();
      return;
    }
    openAIError(res, 404, 'Not found.', 'invalid_request_error', null);
  }

  function handleVeo(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    fields: Record<string, unknown>,
  ): undefined {
    if (req.headers['x-goog-api-key'] !== apiKey) {
      return json(res, 400, { error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } });
    }
    const start = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(path);
    if (req.method === 'POST' && start) {
      const fault = faults.shift();
      if (fault)
        return json(res, fault.status, {
          error: {
            code: fault.status,
            message: 'Emulated fault.',
            status: fault.status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL',
          },
        });
      const instances = fields.instances as Array<{ prompt?: string }> | undefined;
      const parameters = (fields.parameters ?? {}) as { durationSeconds?: number };
      const id = randomBytes(8).toString('hex');
      const name = `models/${start[1]}/operations/${id}`;
      videos.set(name, {
        id: name,
        model: start[1],
        prompt: instances?.[0]?.prompt ?? '',
        seconds: String(parameters.durationSeconds ?? 8),
        size: '',
        looks: 0,
        createdAt: 0,
      });
      return json(res, 200, { name });
    }
    const operation = videos.get(path.slice('/v1beta/'.length));
    if (req.method === 'GET' && operation) {
      operation.looks++;
      if (operation.looks < 2) return json(res, 200, { name: operation.id, metadata: {} });
      if (operation.prompt.includes('fail')) {
        return json(res, 200, {
          name: operation.id,
          done: true,
          error: { code: 13, message: 'The emulated video failed.' },
        });
      }
      const uri = `${base}/v1beta/files/${operation.id.split('/').at(-1)}:download?alt=media`;
      return json(res, 200, {
        name: operation.id,
        done: true,
        response: {
          '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
          generateVideoResponse: { generatedSamples: [{ video: { uri } }] },
        },
      });
    }
    if (req.method === 'GET' && /^\/v1beta\/files\/[^/]+:download$/.test(path)) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(CONTENT.length) });
      res.end(CONTENT);
      return;
    }
    json(res, 404, { error: { code: 404, message: 'Not found.', status: 'NOT_FOUND' } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) json(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    contentBytes: CONTENT,
    enqueueSubmitFault: (fault) => faults.push(fault),
    holdInProgress: (hold) => {
      holding = hold;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
