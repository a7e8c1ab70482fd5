import type { MjTask, MjTaskStatus } from '../../providers/midjourney/mj-wire.js';
import { type MjJob, type MjJobRequest, mjJobRequest, mjJobResult } from '../../relay/midjourney/mj-job.js';

/** The task properties a client may see: the prompt Midjourney ran (describe's answer), not the proxy's accounts. */
const VISIBLE_PROPERTIES = ['finalPrompt', 'finalZhPrompt'];

/**
 * A job as the proxy's task object, under AIHub's id: the upstream's id, its accounts and (unless
 * `imageUrl` says otherwise) nothing else of the upstream is changed or added. `imageUrl` gives
 * the URL to show for the task's image when images are served through AIHub.
 */
export function encodeMjTask(job: MjJob, imageUrl?: (job: MjJob) => string): MjTask {
  const request = mjJobRequest(job);
  const seen = mjJobResult(job);
  const status = opensModal(request) && job.status !== 'failed' ? 'MODAL' : taskStatus(job, seen);
  const properties: Record<string, unknown> = {};
  for (const name of VISIBLE_PROPERTIES) {
    if (seen?.properties[name] !== undefined) properties[name] = seen.properties[name];
  }
  const upstreamImage = status === 'FAILURE' ? '' : (seen?.imageUrl ?? '');
  return {
    id: job.id,
    action: seen?.action || (request?.action ?? '').toUpperCase(),
    status,
    prompt: seen?.prompt || (request?.prompt ?? ''),
    promptEn: seen?.promptEn ?? '',
    description: seen?.description || (request?.submitDescription ?? ''),
    state: request?.state ?? '',
    submitTime: job.createdAt,
    startTime: seen?.startTime ?? null,
    finishTime: seen?.finishTime ?? job.finishedAt,
    imageUrl: upstreamImage && imageUrl ? imageUrl(job) : upstreamImage,
    progress: status === 'SUCCESS' ? '100%' : status === 'FAILURE' ? '' : (seen?.progress ?? `${job.progress}%`),
    failReason: status === 'FAILURE' ? seen?.failReason || job.error?.message || 'The task failed.' : '',
    buttons: status === 'SUCCESS' ? (seen?.buttons ?? []) : [],
    properties,
  };
}

/** A Custom Zoom or Vary (Region) press: its task waits for `/mj/submit/modal` (which is what runs and is billed). */
function opensModal(request: MjJobRequest | undefined): boolean {
  return request?.action === 'custom_zoom' || request?.action === 'inpaint';
}

/** The job's own state decides whether it has ended (a deadline fails it whatever the proxy said last). */
function taskStatus(job: MjJob, seen: MjTask | undefined): MjTaskStatus {
  switch (job.status) {
    case 'completed':
      return 'SUCCESS';
    case 'failed':
      return 'FAILURE';
    case 'cancelled':
      return 'CANCEL';
    case 'queued':
      return seen && seen.status !== 'SUCCESS' && seen.status !== 'FAILURE' ? seen.status : 'SUBMITTED';
    case 'in_progress':
      return 'IN_PROGRESS';
    default: {
      const unknown: never = job.status;
      return unknown;
    }
  }
}
