/** The 500-request adversarial overdraw run on three replicas in one process (overdraw-replicas-scenario.ts). */
import { describeOverdrawReplicas } from './overdraw-replicas-scenario.js';

describeOverdrawReplicas(
  'overdraw under 500 concurrent adversarial requests [3 replicas, postgres + redis]',
  (cluster) => cluster.start(),
);
