import type { JobRequestBase, MediaJob } from '../../jobs/job-types.js';
import type { MjAction } from '../../providers/midjourney/mj-action.js';
import type { MjTask } from '../../providers/midjourney/mj-wire.js';
import type { MjSubmitRoute } from '../../surfaces/midjourney/decode-submit.js';

/** The job kind of a Midjourney task in the media job store. */
export const MJ_JOB_KIND = 'midjourney';

/**
 * The one model name Midjourney is routed, permitted and priced by: every action is a unit of it
 * (`mj:imagine`, `mj:upscale`...), so an operator sets one model's prices instead of nine models'.
 */
export const MJ_MODEL = 'midjourney';

/** What a Midjourney job asked for (the job's `request` JSON); `caller` is every kind's billing identity. */
export interface MjJobRequest extends JobRequestBase {
  route: MjSubmitRoute;
  action: MjAction;
  prompt: string;
  /** The client's `state`, given back in the task. */
  state: string;
  /** The button pressed, and AIHub's id of the task it was under (actions and modals). */
  customId?: string;
  sourceTaskId?: string;
  /** The unit billed on success (`mj:upscale`); absent for the buttons that only open a modal. */
  unitKey?: string;
  /** The proxy's answer to the submission (1, 21 or 22) and its description. */
  submitCode: number;
  submitDescription: string;
}

/** The job's `result` JSON: the proxy's task as last seen (its own id inside; never sent as is). */
export type MjJobResult = MjTask;

/** A Midjourney task is a media job (`media_jobs`) of this kind. */
export type MjJob = MediaJob;

/** The job's request, as written at submission (a row of another kind reads as none). */
export function mjJobRequest(job: Pick<MjJob, 'request'>): MjJobRequest | undefined {
  const request = job.request as Partial<MjJobRequest> | null;
  return request && typeof request === 'object' && typeof request.action === 'string'
    ? (request as MjJobRequest)
    : undefined;
}

/** The proxy's task as last seen, if it has been. */
export function mjJobResult(job: Pick<MjJob, 'result'>): MjJobResult | undefined {
  const result = job.result as Partial<MjJobResult> | null;
  return result && typeof result === 'object' && typeof result.status === 'string'
    ? (result as MjJobResult)
    : undefined;
}
