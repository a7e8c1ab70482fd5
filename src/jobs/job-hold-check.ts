import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { UNFINISHED_STATUSES } from './job-types.js';

/** A job whose money and state disagree. */
export interface JobHoldProblem {
  kind: 'hold_of_finished_job';
  jobId: string;
  requestId: string;
  userId: string;
  status: string;
  /** Units the hold still keeps. */
  held: number;
}

/**
 * Jobs whose hold outlived them: a finished job (completed, failed, cancelled) must have settled
 * or released its durable hold before it was marked finished (jobs/job-finish.ts), so a
 * reservation under a finished job's request id means money is stuck. Runs inside the ledger
 * check's transaction, to see the same snapshot.
 */
export async function findJobHoldProblems(db: Kysely<Database>): Promise<JobHoldProblem[]> {
  const rows = await db
    .selectFrom('media_jobs')
    .innerJoin('reservations', 'reservations.id', 'media_jobs.request_id')
    .select([
      'media_jobs.id as jobId',
      'media_jobs.request_id as requestId',
      'media_jobs.user_id as userId',
      'media_jobs.status as status',
      'reservations.amount as held',
    ])
    .where('media_jobs.status', 'not in', UNFINISHED_STATUSES)
    .orderBy('media_jobs.id')
    .execute();
  return rows.map((row) => ({ kind: 'hold_of_finished_job', ...row, held: Number(row.held) }));
}
