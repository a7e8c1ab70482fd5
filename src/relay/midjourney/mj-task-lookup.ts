import { GatewayError } from '../../ir/index.js';
import type { MjTask } from '../../providers/midjourney/mj-wire.js';
import { encodeMjTask } from '../../surfaces/midjourney/encode-task.js';
import type { RelayCaller } from '../relay-ports.js';
import { MJ_JOB_KIND, type MjJob } from './mj-job.js';
import type { MjJobStore } from './mj-ports.js';

/** At most this many ids in one `list-by-condition` (the proxy sets none; a page of a client's history). */
export const MAX_LISTED_TASKS = 100;

/** Another user's task, or none: the same answer, so ids cannot be probed. */
export function mjTaskNotFound(param: string | null = null): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'Task not found.', param, code: 'task_not_found' });
}

export interface MjTaskReader {
  jobs: MjJobStore;
  /** The image URL to show for a task when images are served through AIHub; undefined: the upstream's. */
  imageUrl?: (job: MjJob) => string;
}

/** `GET /mj/task/{id}/fetch`: the caller's task, or 404 in the proxy's envelope. */
export async function fetchMjTask(id: string, caller: RelayCaller, reader: MjTaskReader): Promise<MjTask> {
  const job = await reader.jobs.find(id, caller.userId, MJ_JOB_KIND);
  if (!job) throw mjTaskNotFound();
  return encodeMjTask(job, reader.imageUrl);
}

/**
 * `POST /mj/task/list-by-condition` `{ids}`: the caller's tasks among the ids, in their order;
 * ids of no task of theirs are left out, as the proxy leaves out unknown ids.
 */
export async function listMjTasks(body: unknown, caller: RelayCaller, reader: MjTaskReader): Promise<MjTask[]> {
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: "'ids' must be an array of task ids.",
      param: 'ids',
      code: 'invalid_request',
    });
  }
  if (ids.length > MAX_LISTED_TASKS) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `'ids' takes at most ${MAX_LISTED_TASKS} task ids.`,
      param: 'ids',
      code: 'invalid_request',
    });
  }
  const unique = [...new Set(ids as string[])];
  const jobs = await Promise.all(unique.map((id) => reader.jobs.find(id, caller.userId, MJ_JOB_KIND)));
  return jobs.filter((job) => job !== undefined).map((job) => encodeMjTask(job, reader.imageUrl));
}
