/**
 * "My jobs": the caller's videos (`GET /v1/videos`, the server's list) and Midjourney tasks
 * (`POST /mj/task/list-by-condition` with the ids this browser remembers), with the request id
 * each was submitted under where this browser remembers it (job-memory.ts). Pure.
 */
import type { RememberedJob } from './job-memory';
import type { MjTask } from './mj-task';
import { isMjFinished, mjProgress } from './mj-task';
import { isVideoFinished, type VideoJob, videoProgress } from './video-request';

export interface JobRow {
  kind: 'video' | 'midjourney';
  id: string;
  /** The API's own status word (`in_progress`, `SUCCESS`...); `unknown` when the API no longer lists it. */
  status: string;
  finished: boolean;
  succeeded: boolean;
  progress: number;
  /** Model (videos) or action (Midjourney). */
  what: string;
  prompt: string;
  /** Epoch milliseconds. */
  createdAt: number;
  requestId: string | null;
}

export function jobRows(
  remembered: readonly RememberedJob[],
  videos: readonly VideoJob[],
  tasks: readonly MjTask[],
): JobRow[] {
  const memory = new Map(remembered.map((job) => [`${job.kind}:${job.id}`, job]));
  const rows = new Map<string, JobRow>();
  for (const video of videos) {
    const known = memory.get(`video:${video.id}`);
    rows.set(`video:${video.id}`, {
      kind: 'video',
      id: video.id,
      status: video.status,
      finished: isVideoFinished(video.status),
      succeeded: video.status === 'completed',
      progress: videoProgress(video),
      what: video.model ?? known?.model ?? '',
      prompt: video.prompt ?? known?.prompt ?? '',
      createdAt: video.created_at ? video.created_at * 1000 : (known?.createdAt ?? 0),
      requestId: known?.requestId ?? null,
    });
  }
  for (const task of tasks) {
    const known = memory.get(`midjourney:${task.id}`);
    rows.set(`midjourney:${task.id}`, {
      kind: 'midjourney',
      id: task.id,
      status: task.status,
      finished: isMjFinished(task.status),
      succeeded: task.status === 'SUCCESS',
      progress: mjProgress(task),
      what: task.action ?? 'IMAGINE',
      prompt: task.prompt ?? known?.prompt ?? '',
      createdAt: task.submitTime ?? known?.createdAt ?? 0,
      requestId: known?.requestId ?? null,
    });
  }
  // Remembered jobs the APIs did not list (expired, or their list failed) still show, status unknown.
  for (const job of remembered) {
    const key = `${job.kind}:${job.id}`;
    if (rows.has(key)) continue;
    rows.set(key, {
      kind: job.kind,
      id: job.id,
      status: 'unknown',
      finished: true,
      succeeded: false,
      progress: 0,
      what: job.model ?? (job.kind === 'midjourney' ? 'IMAGINE' : ''),
      prompt: job.prompt ?? '',
      createdAt: job.createdAt,
      requestId: job.requestId,
    });
  }
  return [...rows.values()].sort((a, b) => b.createdAt - a.createdAt);
}
