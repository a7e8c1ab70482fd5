/**
 * Issue 16, "every core": the three-replica exactness scenarios (three-replicas-scenarios.ts) on
 * three real `aihub serve --workers 2` process trees, six workers in all, on one PostgreSQL schema
 * and one Redis: no overdraw, exact RPM limits, keys seen everywhere through the config bus.
 */
import { describeThreeReplicas } from './three-replicas-scenarios.js';

describeThreeReplicas(
  'three replicas of two workers each on one PostgreSQL and one Redis',
  (cluster) => cluster.startWorkers(2),
  180_000,
);
