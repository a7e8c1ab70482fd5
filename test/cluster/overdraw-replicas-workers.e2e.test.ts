/**
 * Issue 16, "every core": the 500-request adversarial overdraw run (overdraw-replicas-scenario.ts)
 * on three `aihub serve --workers 2` process trees, six workers on one PostgreSQL and one Redis.
 */
import { describeOverdrawReplicas } from './overdraw-replicas-scenario.js';

describeOverdrawReplicas(
  'overdraw under 500 concurrent adversarial requests [3 replicas × 2 workers, postgres + redis]',
  (cluster) => cluster.startWorkers(2),
  180_000,
);
