import type { JobHolds } from '../../jobs/job-holds.js';
import type { JobStore } from '../../jobs/job-store.js';
import type { RelayDeps } from '../relay-deps.js';
import type { MjImageDeps } from './mj-image.js';
import type { MjImageLinks } from './mj-image-link.js';

/** The media job store, as far as Midjourney's routes use it. */
export type MjJobStore = Pick<JobStore, 'create' | 'find'>;

export interface MidjourneyDeps {
  relay: RelayDeps;
  jobs: MjJobStore;
  /** The action's unit, held durably at submission (the job owns the hold), released if the proxy refuses it. */
  holds: Pick<JobHolds, 'hold' | 'release'>;
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
