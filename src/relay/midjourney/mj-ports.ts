import type { JobStore } from '../../jobs/job-store.js';
import type { RouteCandidate } from '../../routing/model-router.js';
import type { RelayDeps } from '../relay-deps.js';
import type { RelayCaller } from '../relay-ports.js';
import type { MjImageDeps } from './mj-image.js';
import type { MjImageLinks } from './mj-image-link.js';

/** The media job store, as far as Midjourney's routes use it. */
export type MjJobStore = Pick<JobStore, 'create' | 'find'>;

/**
 * Billing of a Midjourney job: a durable hold of its action's unit at submission (the job, not
 * this process, owns it), released here when the proxy refuses it; the job settles it when it ends.
 */
export interface MjBilling {
  /** The amount held (0 for unmetered callers). Throws GatewayError refusals (402 balance, 429 key quota...). */
  hold(input: {
    requestId: string;
    caller: RelayCaller;
    route: RouteCandidate;
    units: Record<string, number>;
    /** The request field that chose the unit (an action's `customId`), named in an unsupported_unit 400. */
    unitParam?: string;
  }): Promise<number>;
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

/** What the Midjourney routes need besides the submissions' deps: image links and the operator's switch. */
export interface MidjourneyRouteDeps extends MidjourneyDeps {
  images: Omit<MjImageDeps, 'links'>;
  links: MjImageLinks;
  /** The operator's switch: serve result images through AIHub (signed links) instead of the upstream's URLs. */
  proxyImages: () => boolean;
  /** The address clients reach AIHub at (the `publicBaseUrl` setting); empty: the request's own origin. */
  publicBaseUrl: () => string;
}
