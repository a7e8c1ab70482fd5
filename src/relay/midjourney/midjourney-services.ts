import type { Logger } from 'pino';
import type { JobStore } from '../../jobs/job-store.js';
import type { RelayDeps } from '../relay-deps.js';
import { MjUnitBilling, mjJobLogUpdates } from './mj-billing.js';
import { MjImageLinks } from './mj-image-link.js';
import { MJ_JOB_KIND } from './mj-job.js';
import { MjJobDriver } from './mj-job-driver.js';
import type { MidjourneyRouteDeps } from './mj-ports.js';

/** A task the proxy has not finished in an hour is failed and its hold released (relaxed mode can queue for long). */
export const MJ_TASK_DEADLINE_MS = 60 * 60 * 1000;

export interface MidjourneyServicesInput {
  relay: RelayDeps;
  jobs: JobStore;
  /** Key for signing image links, the same on every replica (SecretBox.deriveKey). */
  imageLinkKey: Buffer;
  /** The first look at a new task, after this long (the poller's interval). */
  firstPollMs: number;
  settings: { readonly value: { midjourneyImageProxy: boolean; publicBaseUrl: string } };
  newId: (prefix: string) => string;
  logger: Logger;
}

/** Midjourney's parts, built once: the routes' deps, and the poller's driver, settlement and log updates. */
export function createMidjourneyServices(input: MidjourneyServicesInput) {
  const { relay, jobs } = input;
  const billing = new MjUnitBilling(relay.billing);
  const routes: MidjourneyRouteDeps = {
    relay,
    jobs,
    billing,
    newTaskId: () => input.newId('mj'),
    firstPollMs: input.firstPollMs,
    deadlineMs: MJ_TASK_DEADLINE_MS,
    links: new MjImageLinks(input.imageLinkKey, relay.now),
    images: {
      findJob: async (id) => {
        const job = await jobs.get(id);
        return job?.kind === MJ_JOB_KIND ? job : undefined;
      },
      media: relay.media,
      logger: input.logger,
    },
    proxyImages: () => input.settings.value.midjourneyImageProxy,
    publicBaseUrl: () => input.settings.value.publicBaseUrl,
  };
  return { routes, driver: new MjJobDriver(relay), settlement: billing, log: mjJobLogUpdates(relay.log) };
}
