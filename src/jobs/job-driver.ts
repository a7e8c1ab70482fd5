import type { JobError, MediaJob } from './job-types.js';

/** What one look at the vendor's job found. */
export type JobPollResult =
  | {
      state: 'pending';
      status: 'queued' | 'in_progress';
      progress: number;
      /** The vendor's hint for the next look (retry-after), when it gave one. */
      retryAfterMs?: number;
    }
  | {
      state: 'completed';
      /** Kind-specific, stored as the job's result (for example the video's length and size). */
      result: unknown;
      /** The billed units of what was actually produced (`{"video_second:1280x720": 8}`). */
      units: Record<string, number>;
    }
  | { state: 'failed'; error: JobError };

/**
 * Polls one kind of job at its vendor. A throw means "could not tell this time" (network, 5xx,
 * 429): the poller backs off and looks again until the job's deadline. A definite failure of the
 * job itself is a `failed` result, never a throw.
 */
export interface JobDriver {
  kind: string;
  poll(job: MediaJob, signal: AbortSignal): Promise<JobPollResult>;
}
