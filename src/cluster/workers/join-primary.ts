import type { Logger } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { PrimaryLink } from './primary-link.js';
import { SHARED_TARGETS } from './worker-stores.js';

export interface JoinPrimaryOptions {
  link: PrimaryLink;
  /** This worker's instance id: its reservations' and leases' holder. */
  instanceId: string;
  /** Releases a dead instance's reservations now (Ledger.releaseDeadInstance). */
  releaseDeadInstance: (instanceId: string) => Promise<unknown>;
  /** This worker's metrics, summed with the others' when any worker is scraped. */
  registry: Registry;
  logger: Logger;
}

/**
 * Makes this process one worker of its primary: says who it is, cleans up after a sibling the
 * primary saw die, and lets its metrics be gathered with the others'. Returns the scrape, which
 * answers for every worker (a scraper behind one port cannot pick a worker).
 */
export function joinPrimary(options: JoinPrimaryOptions): { scrape: () => Promise<string> } {
  const { link, logger } = options;
  // prom-client's cluster support: the primary asks every worker for its registries' metrics.
  AggregatorRegistry.setRegistries([options.registry]);
  new AggregatorRegistry();
  link.listen((message) => {
    if (message.aihub !== 'instance-died') return;
    options.releaseDeadInstance(message.instanceId).then(
      () => logger.info({ instance: message.instanceId }, 'worker: released what a dead worker held'),
      (error: unknown) =>
        logger.warn(
          { err: error, instance: message.instanceId },
          'worker: releasing a dead worker’s holds failed; the orphan sweep will',
        ),
    );
  });
  link.send({ aihub: 'hello', instanceId: options.instanceId });
  // prom-client gives every worker 5 s to answer; the scrape waits a little longer than that.
  return { scrape: () => link.call<string>(SHARED_TARGETS.metrics, 'text', [], 6_000) };
}
