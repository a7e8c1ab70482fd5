import type { MediaJob } from './job-types.js';

/**
 * Where a job's money and log row are closed, whatever ends it (the poller, a cancellation).
 * `settle` charges the billed units against the job's durable hold, or releases the hold when
 * `units` is undefined, and answers the cost charged. It must be idempotent by the job's request
 * id: a replica that settled and died before marking the job finished is followed by another that
 * settles again, and only the first may charge.
 */
export interface JobSettlement {
  settle(job: MediaJob, units: Record<string, number> | undefined): Promise<number>;
}

/** The request-log row of a job, updated as it progresses and when it ends. */
export interface JobLogUpdates {
  progressed(job: MediaJob, now: number): Promise<void>;
  finished(job: MediaJob, now: number): Promise<void>;
}

export const noJobLogUpdates: JobLogUpdates = {
  progressed: async () => {},
  finished: async () => {},
};
