import type { Kysely } from 'kysely';
import { JOB_HOLDER } from '../billing/job-holder.js';
import type { Database } from '../store/schema.js';
import { UNFINISHED_STATUSES } from './job-types.js';

/** A job whose money and state disagree. */
export interface JobHoldProblem {
  kind: 'hold_of_finished_job' | 'durable_hold_without_job';
  /** Absent for a durable hold no job row names. */
  jobId?: string;
  requestId: string;
  userId: string;
  /** The job's status; `none` for a durable hold no job row names. */
  status: string;
  /** Units the hold still keeps. */
  held: number;
}

/**
 * Durable holds and jobs that disagree. Jobs whose hold outlived them: a finished job (completed, failed, cancelled) must have settled
 * or released its durable hold before it was marked finished (jobs/job-finish.ts), so a
 * reservation under a finished job's request id means money is stuck. Runs inside the ledger
 * check's transaction, to see the same snapshot. And durable holds (billing/job-holder.ts) that no
 * unfinished job owns: nothing will ever settle or release them. Plan holds of jobs (a
 * subscription's windows holding for a job, instance JOB_HOLDER) are checked the same way.
 */
export async function findJobHoldProblems(db: Kysely<Database>, now = Date.now()): Promise<JobHoldProblem[]> {
  const finished = await db
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
  // A durable hold is written just before its job's row (jobs are created once the vendor took
  // them): holds younger than the grace are a submission in flight, not a problem.
  const orphaned = await db
    .selectFrom('reservations')
    .select(['id as requestId', 'user_id as userId', 'amount as held'])
    .where('instance_id', '=', JOB_HOLDER)
    .where('created_at', '<', now - SUBMISSION_GRACE_MS)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('media_jobs')
            .select('media_jobs.id')
            .whereRef('media_jobs.request_id', '=', 'reservations.id')
            .where('media_jobs.status', 'in', UNFINISHED_STATUSES),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  // The same two checks for holds a subscription's windows keep for a job (plans/plan-holds.ts).
  const finishedPlan = await db
    .selectFrom('media_jobs')
    .innerJoin('plan_holds', 'plan_holds.request_id', 'media_jobs.request_id')
    .select([
      'media_jobs.id as jobId',
      'media_jobs.request_id as requestId',
      'media_jobs.user_id as userId',
      'media_jobs.status as status',
      'plan_holds.money as held',
    ])
    .where('media_jobs.status', 'not in', UNFINISHED_STATUSES)
    .orderBy('media_jobs.id')
    .execute();
  const orphanedPlan = await db
    .selectFrom('plan_holds')
    .select(['request_id as requestId', 'user_id as userId', 'money as held'])
    .where('instance_id', '=', JOB_HOLDER)
    .where('created_at', '<', now - SUBMISSION_GRACE_MS)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('media_jobs')
            .select('media_jobs.id')
            .whereRef('media_jobs.request_id', '=', 'plan_holds.request_id')
            .where('media_jobs.status', 'in', UNFINISHED_STATUSES),
        ),
      ),
    )
    .orderBy('request_id')
    .execute();
  finished.push(...finishedPlan);
  orphaned.push(...orphanedPlan);
  return [
    ...finished.map((row) => ({ kind: 'hold_of_finished_job' as const, ...row, held: Number(row.held) })),
    ...orphaned
      .filter((row) => !finished.some((job) => job.requestId === row.requestId))
      .map((row) => ({ kind: 'durable_hold_without_job' as const, ...row, status: 'none', held: Number(row.held) })),
  ];
}

/** How long a submission may take between its hold and its job row (the upstream call's time). */
const SUBMISSION_GRACE_MS = 15 * 60_000;
