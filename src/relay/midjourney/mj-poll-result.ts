import { progressPercent } from '../../providers/midjourney/decode-upstream.js';
import type { MjTask } from '../../providers/midjourney/mj-wire.js';
import type { MjJobRequest } from './mj-job.js';

/** What one look at a task found (the job poller's JobPollResult). */
export type MjPollResult =
  | { state: 'pending'; status: 'queued' | 'in_progress'; progress: number }
  | { state: 'completed'; result: MjTask; units: Record<string, number> }
  | { state: 'failed'; error: { code: string; message: string } };

/**
 * A job's next state from the proxy's task (undefined: the proxy no longer knows it). A success
 * bills the action's unit; a failure, a cancellation or a lost task bills nothing; a button that
 * only opens a modal ends as soon as the proxy shows it, billing nothing (its modal is billed).
 */
export function mjPollResult(request: MjJobRequest, task: MjTask | undefined): MjPollResult {
  if (!task) {
    return {
      state: 'failed',
      error: { code: 'mj_task_lost', message: 'The Midjourney proxy no longer knows this task.' },
    };
  }
  if (task.status === 'FAILURE' || task.status === 'CANCEL') {
    const message = task.failReason || (task.status === 'CANCEL' ? 'The task was cancelled.' : 'The task failed.');
    return { state: 'failed', error: { code: task.status === 'CANCEL' ? 'mj_cancelled' : 'mj_failure', message } };
  }
  if (request.action === 'custom_zoom' || request.action === 'inpaint') {
    return { state: 'completed', result: task, units: {} };
  }
  if (task.status === 'SUCCESS') {
    return { state: 'completed', result: task, units: request.unitKey ? { [request.unitKey]: 1 } : {} };
  }
  const started = task.status === 'IN_PROGRESS' || task.status === 'MODAL';
  return { state: 'pending', status: started ? 'in_progress' : 'queued', progress: progressPercent(task.progress) };
}
