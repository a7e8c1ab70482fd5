import type { MediaJob } from '../jobs/job-types.js';
import type { VideoJobRequest, VideoJobResult } from './video-types.js';

/** OpenAI's video object (openai-node `Video`), for any vendor's job behind /v1/videos. */
export interface VideoObject {
  id: string;
  object: 'video';
  model: string;
  status: 'queued' | 'in_progress' | 'completed' | 'failed';
  progress: number;
  created_at: number;
  completed_at: number | null;
  expires_at: number | null;
  prompt: string | null;
  size: string;
  seconds: string;
  remixed_from_video_id: string | null;
  error: { code: string; message: string } | null;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A job as its caller sees it: our id (never the vendor's), the model the caller asked for, times
 * in Unix seconds. OpenAI has no `cancelled` status: a job cancelled before it ran is `failed`
 * with code `cancelled`.
 */
export function encodeVideoObject(job: MediaJob): VideoObject {
  const request = job.request as VideoJobRequest;
  const result = (job.result ?? undefined) as VideoJobResult | undefined;
  const cancelled = job.status === 'cancelled';
  return {
    id: job.id,
    object: 'video',
    model: job.model,
    status: job.status === 'cancelled' ? 'failed' : job.status,
    progress: job.status === 'completed' ? 100 : job.progress,
    created_at: seconds(job.createdAt),
    completed_at: job.status === 'completed' && job.finishedAt !== null ? seconds(job.finishedAt) : null,
    expires_at: result?.expiresAt ?? null,
    prompt: request.prompt ?? null,
    size: result?.size ?? request.size,
    seconds: String(result?.seconds ?? request.seconds),
    remixed_from_video_id: null,
    error: cancelled ? { code: 'cancelled', message: 'The video was deleted before it started.' } : job.error,
  };
}
