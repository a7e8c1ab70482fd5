import type { Selectable } from 'kysely';
import type { Store } from '../store/database.js';
import type { MediaJobsTable } from '../store/schema.js';
import { type JobOutcome, type JobStatus, type MediaJob, type NewMediaJob, UNFINISHED_STATUSES } from './job-types.js';

/** Where a page of a caller's jobs starts: after this job, in the listing's order. */
export interface JobCursor {
  createdAt: number;
  id: string;
}

export interface JobListQuery {
  kind: string;
  after?: JobCursor;
  limit: number;
  order: 'asc' | 'desc';
}

/** A poll that did not finish the job: where it stands now and when to look again. */
export interface JobProgress {
  status: 'queued' | 'in_progress';
  progress: number;
  nextPollAt: number;
  pollFailures: number;
}

/**
 * The `media_jobs` rows. Reads by id always name the owner, so another user's job is "not found".
 * Pollers take jobs through `claimDue`, one atomic UPDATE guarded by `lease_until < now`: however
 * many replicas claim at once, each due job goes to exactly one of them, and a replica that died
 * holding a job loses it when its lease runs out.
 */
export class JobStore {
  constructor(private readonly store: Store) {}

  async create(job: NewMediaJob): Promise<void> {
    await this.store.db
      .insertInto('media_jobs')
      .values({
        id: job.id,
        kind: job.kind,
        user_id: job.userId,
        key_id: job.keyId,
        request_id: job.requestId,
        channel_id: job.channelId,
        vendor: job.vendor,
        model: job.model,
        upstream_model: job.upstreamModel,
        upstream_id: job.upstreamId,
        status: job.status ?? 'queued',
        progress: job.progress ?? 0,
        request: JSON.stringify(job.request ?? null),
        result: null,
        error: null,
        units: null,
        cost: 0,
        created_at: job.createdAt,
        updated_at: job.createdAt,
        finished_at: null,
        next_poll_at: job.nextPollAt,
        poll_failures: 0,
        lease_owner: null,
        lease_until: 0,
        deadline_at: job.deadlineAt,
      })
      .execute();
  }

  /** The owner's job of this kind; undefined for an unknown id, another user's or another kind's. */
  async find(id: string, userId: string, kind: string): Promise<MediaJob | undefined> {
    const row = await this.store.db
      .selectFrom('media_jobs')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row ? jobFromRow(row) : undefined;
  }

  /** Any job by id, for the poller and the ledger check (never for a caller's request). */
  async get(id: string): Promise<MediaJob | undefined> {
    const row = await this.store.db.selectFrom('media_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? jobFromRow(row) : undefined;
  }

  /** A page of the owner's jobs, plus whether more follow it. */
  async list(userId: string, query: JobListQuery): Promise<{ jobs: MediaJob[]; hasMore: boolean }> {
    const beyond = query.order === 'desc' ? '<' : '>';
    let select = this.store.db
      .selectFrom('media_jobs')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', query.kind);
    const after = query.after;
    if (after) {
      select = select.where((eb) =>
        eb.or([
          eb('created_at', beyond, after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', beyond, after.id)]),
        ]),
      );
    }
    const rows = await select
      .orderBy('created_at', query.order)
      .orderBy('id', query.order)
      .limit(query.limit + 1)
      .execute();
    return { jobs: rows.slice(0, query.limit).map(jobFromRow), hasMore: rows.length > query.limit };
  }

  /**
   * Leases up to `limit` unfinished jobs whose next poll is due and whose lease has run out to
   * `owner` until `now + leaseMs`, and returns them. The outer WHERE repeats the lease test, so a
   * row another replica claimed between the subquery and the update is not taken twice
   * (PostgreSQL re-checks it on the locked row; SQLite runs one writer at a time); on PostgreSQL
   * the subquery also skips rows another claim has locked rather than waiting for them.
   */
  async claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<MediaJob[]> {
    const { db } = this.store;
    let due = db
      .selectFrom('media_jobs')
      .select('id')
      .where('status', 'in', UNFINISHED_STATUSES)
      .where('next_poll_at', '<=', now)
      .where('lease_until', '<', now)
      .orderBy('next_poll_at')
      .limit(limit);
    if (this.store.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await db
      .updateTable('media_jobs')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('id', 'in', due)
      .where('status', 'in', UNFINISHED_STATUSES)
      .where('lease_until', '<', now)
      .returningAll()
      .execute();
    return rows.map(jobFromRow).sort((a, b) => a.nextPollAt - b.nextPollAt);
  }

  /** Records a poll that left the job unfinished, and gives up the lease. False if the lease was lost. */
  async recordProgress(id: string, owner: string, progress: JobProgress, now: number): Promise<boolean> {
    const result = await this.store.db
      .updateTable('media_jobs')
      .set({
        status: progress.status,
        progress: progress.progress,
        next_poll_at: progress.nextPollAt,
        poll_failures: progress.pollFailures,
        updated_at: now,
        lease_owner: null,
        lease_until: 0,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', 'in', UNFINISHED_STATUSES)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Ends an unfinished job with its outcome. True for the one call that ended it; false when it
   * had already ended (another replica, a cancellation), so the caller knows it was not first.
   */
  async finish(id: string, outcome: JobOutcome, now: number): Promise<boolean> {
    const result = await this.store.db
      .updateTable('media_jobs')
      .set({
        status: outcome.status,
        ...(outcome.progress !== undefined ? { progress: outcome.progress } : {}),
        result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
        error: outcome.error ? JSON.stringify(outcome.error) : null,
        units: outcome.units ? JSON.stringify(outcome.units) : null,
        cost: outcome.cost ?? 0,
        updated_at: now,
        finished_at: now,
        lease_owner: null,
        lease_until: 0,
      })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED_STATUSES)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Removes the owner's job; false when there was none. */
  async delete(id: string, userId: string, kind: string): Promise<boolean> {
    const result = await this.store.db
      .deleteFrom('media_jobs')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function jobFromRow(row: Selectable<MediaJobsTable>): MediaJob {
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    keyId: row.key_id,
    requestId: row.request_id,
    channelId: row.channel_id,
    vendor: row.vendor,
    model: row.model,
    upstreamModel: row.upstream_model,
    upstreamId: row.upstream_id,
    status: row.status as JobStatus,
    progress: Number(row.progress),
    request: parseJson(row.request),
    result: parseJson(row.result),
    error: parseJson(row.error) as MediaJob['error'],
    units: parseJson(row.units) as MediaJob['units'],
    cost: Number(row.cost),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    nextPollAt: Number(row.next_poll_at),
    pollFailures: Number(row.poll_failures),
    leaseOwner: row.lease_owner,
    leaseUntil: Number(row.lease_until),
    deadlineAt: Number(row.deadline_at),
  };
}
