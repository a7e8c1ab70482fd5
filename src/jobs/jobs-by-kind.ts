import type { JobLogUpdates, JobSettlement } from './job-settlement.js';
import type { MediaJob } from './job-types.js';

/** What one kind of job (video, midjourney) brings to the shared poller: how it settles and logs. */
export interface JobKindParts {
  settlement: JobSettlement;
  log: JobLogUpdates;
}

function partsOf(parts: Readonly<Record<string, JobKindParts>>, job: MediaJob): JobKindParts {
  const found = Object.hasOwn(parts, job.kind) ? parts[job.kind] : undefined;
  if (!found) throw new Error(`No settlement for jobs of kind '${job.kind}'.`);
  return found;
}

/**
 * One poller serves every kind of job (one set of leases, one timer per replica): its settlement
 * and log updates go to the parts of the job's own kind.
 */
export function jobsByKind(parts: Readonly<Record<string, JobKindParts>>): {
  settlement: JobSettlement;
  log: JobLogUpdates;
} {
  return {
    settlement: { settle: (job, units) => partsOf(parts, job).settlement.settle(job, units) },
    log: {
      progressed: (job, now) => partsOf(parts, job).log.progressed(job, now),
      finished: (job, now) => partsOf(parts, job).log.finished(job, now),
    },
  };
}
