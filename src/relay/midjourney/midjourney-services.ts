import type { Logger } from 'pino';
import type { JobHolds } from '../../jobs/job-holds.js';
import type { JobStore } from '../../jobs/job-store.js';
import type { RelayDeps } from '../relay-deps.js';
import { MjImageLinks } from './mj-image-link.js';
import { MJ_JOB_KIND } from './mj-job.js';
import { MjJobDriver } from './mj-job-driver.js';
import type { MidjourneyRouteDeps } from './mj-ports.js';

/** A task the proxy has not finished in an hour is failed and its hold released (relaxed mode can queue for long). */
export const MJ_TASK_DEADLINE_MS = 60 * 60 * 1000;

export interface MidjourneyServicesInput {
  relay: RelayDeps;
  jobs: JobStore;
  /** Every kind's durable holds (relayJobHolds): the poller settles a task through the same ones. */
  holds: JobHolds;
  /** Key for signing image links, the same on every replica (SecretBox.deriveKey). */
  imageLinkKey: Buffer;
  /** The first look at a new task, after this long (the poller's interval). */
  firstPollMs: number;
  settings: { readonly value: { midjourneyImageProxy: boolean; publicBaseUrl: string } };
  newId: (prefix: string) => string;
  logger: Logger;
}

/** Midjourney's parts, built once: the routes' deps and the poller's driver (settlement and log are every kind's). */
export function createMidjourneyServices(input: MidjourneyServicesInput) {
  const { relay, jobs } = input;
  const routes: MidjourneyRouteDeps = {
    relay,
    jobs,
    holds: input.holds,
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
  return { routes, driver: new MjJobDriver(relay) };
}
