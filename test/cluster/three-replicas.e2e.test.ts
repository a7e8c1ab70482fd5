/**
 * Three AIHub replicas in one process, on one PostgreSQL schema and one Redis, as a cluster
 * behind a load balancer would run them (the scenarios: three-replicas-scenarios.ts).
 */
import { describeThreeReplicas } from './three-replicas-scenarios.js';

describeThreeReplicas('three AIHub replicas on one PostgreSQL and one Redis', (cluster) => cluster.start());
