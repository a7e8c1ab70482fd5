/**
 * The jobs this browser submitted (videos and Midjourney tasks), kept in localStorage per user:
 * the job's id with the `x-request-id` of its submission, because that id names the job's
 * request-log row, where its cost is, and neither the Videos API nor midjourney-proxy's task
 * says what a job cost. Midjourney-proxy also lists tasks only by id
 * (`POST /mj/task/list-by-condition {ids}`), so "My jobs" asks for the ids kept here.
 */
export type JobKind = 'video' | 'midjourney';

export interface RememberedJob {
  kind: JobKind;
  id: string;
  /** The submission's x-request-id (the request-log row), null when the answer had none. */
  requestId: string | null;
  createdAt: number;
  model?: string;
  prompt?: string;
}

/** The most jobs kept per user (newest first). */
export const MAX_REMEMBERED_JOBS = 50;

/** `job` first, the others after it without a previous entry of the same job, at most MAX_REMEMBERED_JOBS. */
export function addJob(jobs: readonly RememberedJob[], job: RememberedJob): RememberedJob[] {
  const others = jobs.filter((entry) => !(entry.kind === job.kind && entry.id === job.id));
  return [job, ...others].slice(0, MAX_REMEMBERED_JOBS);
}

/** The entries of a stored value that are jobs (anything else, from an older console or a hand edit, is dropped). */
export function parseJobs(stored: string | null): RememberedJob[] {
  if (!stored) return [];
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is RememberedJob =>
      typeof entry === 'object' &&
      entry !== null &&
      (entry.kind === 'video' || entry.kind === 'midjourney') &&
      typeof entry.id === 'string' &&
      typeof entry.createdAt === 'number' &&
      (entry.requestId === null || typeof entry.requestId === 'string'),
  );
}

const storageKey = (userId: string) => `aihub.jobs.${userId}`;

export function loadJobs(userId: string): RememberedJob[] {
  try {
    return parseJobs(localStorage.getItem(storageKey(userId)));
  } catch {
    return []; // storage blocked (private mode): nothing remembered
  }
}

export function rememberJob(userId: string, job: RememberedJob): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(addJob(loadJobs(userId), job)));
  } catch {
    // Storage full or blocked: the job still runs; only its cost in "My jobs" is lost.
  }
}
