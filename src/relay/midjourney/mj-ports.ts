import type { RouteCandidate } from '../../routing/model-router.js';
import type { RelayDeps } from '../relay-deps.js';
import type { RelayCaller } from '../relay-ports.js';
import type { MjJob } from './mj-job.js';

/** A new job row, as the submission writes it (the store fills in its bookkeeping). */
export interface NewMjJob {
  id: string;
  kind: string;
  userId: string;
  keyId: string | null;
  requestId: string;
  channelId: string;
  vendor: string;
  model: string;
  upstreamModel: string;
  upstreamId: string | null;
  request: unknown;
  createdAt: number;
  nextPollAt: number;
  deadlineAt: number;
}

/** The media job store, as far as Midjourney's routes use it. */
export interface MjJobStore {
  create(job: NewMjJob): Promise<void>;
  /** The job if it is this user's and of this kind; undefined otherwise (another user's job does not exist for them). */
  find(id: string, userId: string, kind: string): Promise<MjJob | undefined>;
}

/**
 * Billing of a Midjourney job: a durable hold of its action's unit at submission (the job, not
 * this process, owns it), released here when the proxy refuses it; the job settles it when it ends.
 */
export interface MjBilling {
  /** Throws GatewayError refusals (402 balance, 403 no price, 429 key quota, 400 unsupported unit). */
  hold(input: {
    requestId: string;
    caller: RelayCaller;
    route: RouteCandidate;
    units: Record<string, number>;
  }): Promise<void>;
  release(input: { requestId: string; caller: RelayCaller; route: RouteCandidate }): Promise<void>;
}

export interface MidjourneyDeps {
  relay: RelayDeps;
  jobs: MjJobStore;
  billing: MjBilling;
  /** AIHub's task ids: never the upstream's. */
  newTaskId(): string;
  /** When the poller first looks at a new task (ms after submission), and when it gives up on one. */
  firstPollMs: number;
  deadlineMs: number;
}
