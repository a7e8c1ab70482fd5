import type { JobLogUpdates, JobSettlement } from './job-settlement.js';
import type { JobStore } from './job-store.js';
import type { JobOutcome, MediaJob } from './job-types.js';

export interface JobFinishDeps {
  jobs: JobStore;
  settlement: JobSettlement;
  log: JobLogUpdates;
}

/**
 * Ends a job: money first, then the row. Settling first is what makes a crash harmless: if this
 * process dies after settling, the job is still unfinished, another replica polls it again and its
 * settlement is a no-op (idempotent by request id); the other order could leave a finished job
 * whose hold nobody will ever close. Returns the finished job, or undefined when someone else
 * ended it first.
 */
export async function finishJob(
  deps: JobFinishDeps,
  job: MediaJob,
  outcome: JobOutcome,
  now: number,
): Promise<MediaJob | undefined> {
  const units = outcome.status === 'completed' ? outcome.units : undefined;
  const cost = await deps.settlement.settle(job, units);
  const ended = await deps.jobs.finish(job.id, { ...outcome, cost }, now);
  if (!ended) return undefined;
  const finished: MediaJob = {
    ...job,
    status: outcome.status,
    progress: outcome.progress ?? job.progress,
    result: outcome.result ?? null,
    error: outcome.error ?? null,
    units: units ?? null,
    cost,
    updatedAt: now,
    finishedAt: now,
    leaseOwner: null,
    leaseUntil: 0,
  };
  await deps.log.finished(finished, now);
  return finished;
}
