import type { RelayCaller } from '../relay/relay-ports.js';
import type { MediaJob } from './job-types.js';

/** What a job is priced by: the model asked for, and the channel's vendor and model that serve it. */
export interface JobPricing {
  requestId: string;
  model: string;
  vendor: string;
  upstreamModel: string;
}

/**
 * A job's money: a DURABLE hold of its worst case at submission (it belongs to the job record,
 * not to the process, so no orphan sweep releases it), settled or released when the job ends.
 */
export interface JobHolds {
  /**
   * Holds `worst` (billed units) for the caller; throws the refusal (403 model_price_unknown, 402,
   * 429 key quota, 400 unsupported_unit naming `unitParam`).
   */
  hold(pricing: JobPricing & { caller: RelayCaller; worst: Record<string, number>; unitParam?: string }): Promise<void>;
  /** Releases the hold of a submission that never became a job (the upstream refused it): nothing is charged. */
  release(pricing: JobPricing & { caller: RelayCaller }): Promise<void>;
  /**
   * Charges `units` once (idempotent by request id, on any replica), or releases when undefined or
   * when no unit was produced (a Midjourney button that only opens a modal); answers the cost.
   */
  settle(job: MediaJob, units: Record<string, number> | undefined): Promise<number>;
}
