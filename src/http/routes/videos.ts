import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import { finishJob, type JobFinishDeps } from '../../jobs/job-finish.js';
import type { MediaJob } from '../../jobs/job-types.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { submitVideoJob, type VideoDeps } from '../../relay/video-submit.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { type VideoChannelLookup, videoTargetOf } from '../../video/video-job-driver.js';
import { encodeVideoObject } from '../../video/video-object.js';
import { decodeVideoRequest } from '../../video/video-request.js';
import { VIDEO_JOB_KIND, type VideoJobResult, type VideoVariant } from '../../video/video-types.js';
import { deleteUpstreamVideo, openVideoContent } from '../../video/video-upstream.js';
import { authenticateCaller } from '../authenticate.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';
import { readVideoForm } from '../video-form.js';
import { jsonEndpointHandler } from './json-endpoint-route.js';

export interface VideoRouteServices extends VideoDeps, JobFinishDeps {
  lookup: VideoChannelLookup;
  /** Largest multipart upload (the reference image). */
  uploadLimitBytes: number;
}

const KIND = VIDEO_JOB_KIND;
const VARIANTS: readonly VideoVariant[] = ['video', 'thumbnail', 'spritesheet'];

function notFound(id: string): GatewayError {
  // Another user's video answers exactly like one that does not exist: its id confirms nothing.
  return new GatewayError({ kind: 'not_found', message: `No video found with id '${id}'.`, code: 'not_found' });
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}

/**
 * OpenAI's videos API for every video model behind AIHub: `POST /v1/videos` submits a job
 * (relay/video-submit.ts) and answers it `queued`; the pollers (jobs/job-poller.ts) follow it at
 * the vendor; `GET /v1/videos/{id}` reads the job row (never the vendor), `GET /v1/videos` lists the
 * caller's own, `GET /v1/videos/{id}/content` streams the bytes from the vendor through AIHub
 * (nothing stored here: many callers cannot reach the vendor's CDN, and no video is buffered),
 * `DELETE /v1/videos/{id}` removes it (a job still queued is cancelled and released first). Every
 * id is looked up with its owner: another user's is a 404.
 */
export function registerVideos(app: FastifyInstance, deps: RelayDeps, services: VideoRouteServices): void {
  app.register(async (scope) => {
    // openai-node sends this endpoint as multipart/form-data: read in the handler, in this scope only.
    await scope.register(multipart);
    scope.post(
      '/v1/videos',
      jsonEndpointHandler(openAIChatSurface, KIND, deps, async ({ request, caller, trace, signal }) => {
        const form = await readVideoForm(request, services.uploadLimitBytes);
        const video = decodeVideoRequest(form);
        trace.request = {
          model: video.model,
          messages: [{ role: 'user', content: [{ type: 'text', text: video.prompt }] }],
          stream: false,
          includeUsage: false,
        };
        const job = await submitVideoJob(
          { requestId: request.id, caller, request: video, trace, signal },
          deps,
          services,
        );
        return { body: encodeVideoObject(job), headers: {} };
      }),
    );
  });

  app.get(
    '/v1/videos/:id',
    readHandler(deps, async ({ caller, id }) => {
      const job = await ownJob(services, caller, id);
      return encodeVideoObject(job);
    }),
  );

  app.get(
    '/v1/videos',
    readHandler(deps, async ({ caller, query }) => {
      const order = query.order ?? 'desc';
      if (order !== 'asc' && order !== 'desc') throw invalid("'order' must be asc or desc.", 'order');
      const limit = query.limit === undefined ? 20 : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw invalid("'limit' must be an integer from 1 to 100.", 'limit');
      const cursor = query.after ? await services.jobs.find(query.after, caller.userId, KIND) : undefined;
      if (query.after && !cursor) return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
      const page = await services.jobs.list(caller.userId, {
        kind: KIND,
        limit,
        order,
        ...(cursor ? { after: { createdAt: cursor.createdAt, id: cursor.id } } : {}),
      });
      const data = page.jobs.map(encodeVideoObject);
      return {
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: page.hasMore,
      };
    }),
  );

  app.delete(
    '/v1/videos/:id',
    readHandler(deps, async ({ caller, id }) => {
      const job = await ownJob(services, caller, id);
      if (job.status === 'in_progress') {
        throw new GatewayError({
          kind: 'invalid_request',
          message: 'The video is being generated; it can be deleted once it has completed or failed.',
          code: 'video_in_progress',
        });
      }
      if (job.status === 'queued') {
        // Cancelled before it ran: nothing is charged.
        await finishJob(services, job, { status: 'cancelled' }, deps.now());
      }
      if (job.upstreamId) {
        try {
          const target = videoTargetOf(job, services.lookup);
          await deleteUpstreamVideo(
            job.upstreamId,
            target,
            deps.providers[target.channel.provider],
            AbortSignal.timeout(30_000),
          );
        } catch (error) {
          // The caller's copy is gone either way; the vendor's expires on its own.
          deps.logger.warn({ err: error, jobId: job.id }, 'videos: deleting the upstream copy failed');
        }
      }
      await services.jobs.delete(job.id, caller.userId, KIND);
      return { id: job.id, object: 'video.deleted', deleted: true };
    }),
  );

  app.get('/v1/videos/:id/content', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const res = reply.raw;
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const caller = await authenticateCaller(request, deps);
      const { id } = request.params as { id: string };
      const variant = ((request.query as Record<string, string | undefined>).variant ?? 'video') as VideoVariant;
      if (!VARIANTS.includes(variant)) throw invalid("'variant' must be video, thumbnail or spritesheet.", 'variant');
      const job = await ownJob(services, caller, id);
      if (job.status !== 'completed' || !job.upstreamId) {
        throw new GatewayError({
          kind: 'invalid_request',
          message: `The video is ${job.status === 'cancelled' ? 'failed' : job.status}; its content is ready once it has completed.`,
          code: 'video_not_ready',
        });
      }
      const target = videoTargetOf(job, services.lookup);
      const upstream = await openVideoContent(
        job.upstreamId,
        job.result as VideoJobResult,
        variant,
        target,
        deps.providers[target.channel.provider],
        abort.signal,
      );
      const headers: Record<string, string> = {
        'content-type':
          headerText(upstream.headers['content-type']) ?? (variant === 'video' ? 'video/mp4' : 'image/webp'),
        'x-request-id': request.id,
      };
      const length = headerText(upstream.headers['content-length']);
      if (length) headers['content-length'] = length;
      res.writeHead(200, headers);
      // Piped chunk by chunk with back-pressure: a video never sits whole in memory.
      await pipeline(upstream.body, res).catch(() => abort.abort());
    } catch (error) {
      const failure = toGatewayError(error);
      if (failure.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      writeErrorResponse(res, failure, request.id, openAIChatSurface);
    }
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function ownJob(services: VideoRouteServices, caller: RelayCaller, id: string): Promise<MediaJob> {
  const job = await services.jobs.find(id, caller.userId, KIND);
  if (!job) throw notFound(id);
  return job;
}

interface ReadCall {
  caller: RelayCaller;
  id: string;
  query: Record<string, string | undefined>;
}

/** A JSON read of the caller's jobs: authenticated, answered as JSON or in OpenAI's error envelope. Not logged. */
function readHandler(deps: RelayDeps, answer: (call: ReadCall) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.hijack();
    const res = reply.raw;
    try {
      const caller = await authenticateCaller(request, deps);
      const id = (request.params as { id?: string }).id ?? '';
      const body = JSON.stringify(await answer({ caller, id, query: request.query as ReadCall['query'] }));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': request.id,
      });
      res.end(body);
    } catch (error) {
      const failure = toGatewayError(error);
      if (failure.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      writeErrorResponse(res, failure, request.id, openAIChatSurface);
    }
  };
}
