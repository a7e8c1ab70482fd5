/**
 * An asynchronous media job as the gateway keeps it (one `media_jobs` row, migration 0016). Kinds
 * (video, Midjourney, ...) share the row, the lease-based poller and the durable billing hold;
 * what a job asked for and what it produced are kind-specific JSON (`request`, `result`).
 */
export type JobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

/** Statuses a poller still has work to do for. */
export const UNFINISHED_STATUSES: readonly JobStatus[] = ['queued', 'in_progress'];

export function isFinished(status: JobStatus): boolean {
  return !UNFINISHED_STATUSES.includes(status);
}

/** Why a job failed, as its caller will see it. */
export interface JobError {
  code: string;
  message: string;
}

export interface MediaJob {
  id: string;
  kind: string;
  userId: string;
  keyId: string | null;
  /** The durable billing hold's id and the request-log row's id. */
  requestId: string;
  channelId: string;
  vendor: string;
  model: string;
  upstreamModel: string;
  upstreamId: string | null;
  status: JobStatus;
  /** 0–100. */
  progress: number;
  request: unknown;
  result: unknown;
  error: JobError | null;
  units: Record<string, number> | null;
  cost: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  nextPollAt: number;
  pollFailures: number;
  leaseOwner: string | null;
  leaseUntil: number;
  deadlineAt: number;
}

/** What a submission writes; the store fills in the bookkeeping columns. */
export type NewMediaJob = Pick<
  MediaJob,
  | 'id'
  | 'kind'
  | 'userId'
  | 'keyId'
  | 'requestId'
  | 'channelId'
  | 'vendor'
  | 'model'
  | 'upstreamModel'
  | 'upstreamId'
  | 'request'
  | 'createdAt'
  | 'nextPollAt'
  | 'deadlineAt'
> &
  Partial<Pick<MediaJob, 'status' | 'progress'>>;

/** How a finished job ends: its final status and what it produced or why it did not. */
export interface JobOutcome {
  status: Exclude<JobStatus, 'queued' | 'in_progress'>;
  progress?: number;
  result?: unknown;
  error?: JobError;
  units?: Record<string, number>;
  cost?: number;
}

/**
 * What every kind keeps in its `request` JSON for billing: the caller's price group and whether
 * it is metered, so a job can be settled by any replica long after the caller's request ended.
 */
export interface JobBillingCaller {
  group: string;
  metered: boolean;
}

export interface JobRequestBase {
  caller: JobBillingCaller;
}
