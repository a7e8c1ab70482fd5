/**
 * Workers (issues 16 and 17): AIHub as `serve --workers 1` and `serve --workers 2`, on SQLite and
 * on PostgreSQL + Redis, under the same non-stream load (wrk, the fast upstream emulator) at each
 * concurrency; rounds alternate between the two processes. After every run the money path must
 * be exact (ledger-check.ts), and the cores each process used in the middle of the run are
 * recorded, to show what the scaling is bound by on this machine.
 */

import { checkExactness } from './ledger-check.js';
import { type CpuGroup, childPids, coresUsed, takeCensus } from './lib/cpu-census.js';
import { loadAverage } from './lib/machine.js';
import { sleep } from './lib/proc.js';
import { settings } from './lib/settings.js';
import { runWrk } from './load.js';
import type { RunResults } from './results.js';
import { type AihubInstance, startAihub } from './run-aihub.js';
import { type HttpLoad, loadFor, type Upstreams } from './scenarios.js';
import { summariseWorkers, type WorkersDatabase, type WorkersRun } from './workers-scaling.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Who to count: AIHub's primary and each worker, then the rest of the benchmark and the databases. */
function cpuGroups(instance: AihubInstance, upstreamPid: number): CpuGroup[] {
  const workers = childPids(instance.pid);
  return [
    { label: 'aihub primary', pids: [instance.pid] },
    ...workers.map((pid, i) => ({ label: `aihub worker ${i + 1}`, pids: [pid] })),
    { label: 'upstream', pids: [upstreamPid] },
    { label: 'wrk', comm: /^wrk$/ },
    { label: 'postgres', comm: /^postgres$/ },
    { label: 'redis', comm: /^redis-server$/ },
  ];
}

/** wrk for the cell's duration, with a census of cores over its middle (after ramp-up, before the end). */
async function measure(load: HttpLoad, connections: number, groups: CpuGroup[], workDir: string, label: string) {
  const durationSec = settings.durationSec;
  const running = runWrk(load, { connections, durationSec, workDir, label });
  const edgeMs = Math.min(1000, (durationSec * 1000) / 5);
  await sleep(edgeMs);
  const before = takeCensus(groups);
  await sleep(durationSec * 1000 - 2 * edgeMs);
  const cores = coresUsed(before, takeCensus(groups));
  return { wrk: await running, cores };
}

async function measureDatabase(
  database: WorkersDatabase,
  upstreams: Upstreams,
  upstreamPid: number,
  runs: WorkersRun[],
  workDir: string,
): Promise<void> {
  const instances: AihubInstance[] = [];
  try {
    for (const workers of [1, 2]) {
      const name = `workers-${database}-${workers}`;
      instances.push(await startAihub({ name, database, redis: database === 'postgres', workers }, upstreams, workDir));
    }
    const loads = instances.map((instance) => {
      const load = loadFor({ kind: 'aihub', origin: instance.origin, keys: instance.keys }, 'nonstream', upstreams);
      if (!load) throw new Error('no non-stream load for AIHub');
      return load;
    });
    for (const [i, load] of loads.entries()) {
      await runWrk(load, { connections: 50, durationSec: settings.warmupSec, workDir, label: 'workers warm-up' });
      // Only now are all the workers surely up: the process is ready when the first one listens.
      log(`  ${instances[i].name}: workers ${childPids(instances[i].pid).join(', ') || '(none: one process)'}`);
    }
    for (const connections of settings.workersConcurrency) {
      for (let round = 1; round <= settings.workersRounds; round++) {
        for (const [i, instance] of instances.entries()) {
          const workers = i + 1;
          const label = `workers ${database} ${workers}w c=${connections}`;
          const { wrk, cores } = await measure(loads[i], connections, cpuGroups(instance, upstreamPid), workDir, label);
          const exactness = await checkExactness(instance);
          runs.push({ database, workers, concurrency: connections, round, wrk, exactness, cores });
          const busy = Object.entries(cores)
            .filter(([, used]) => used >= 0.05)
            .map(([group, used]) => `${group} ${used}`)
            .join(', ');
          log(
            `  ${label} round ${round}: ${wrk.rps} req/s, p50 ${wrk.latency.p50} p99 ${wrk.latency.p99} ms, ` +
              `errors ${wrk.errors.total}, ${exactness.problem ? `NOT EXACT: ${exactness.problem}` : 'exact'}; cores: ${busy}`,
          );
        }
      }
    }
  } finally {
    for (const instance of instances) await instance.stop();
  }
}

export async function runWorkers(
  upstreams: Upstreams,
  upstreamPid: number,
  results: RunResults,
  workDir: string,
): Promise<void> {
  const runs: WorkersRun[] = [];
  results.workers = { loadAverageAtStart: loadAverage(), rounds: settings.workersRounds, runs, rows: [] };
  try {
    for (const database of settings.workersDatabases as WorkersDatabase[]) {
      await measureDatabase(database, upstreams, upstreamPid, runs, workDir);
    }
  } finally {
    results.workers.rows = summariseWorkers(runs);
    results.workers.loadAverageAtEnd = loadAverage();
  }
}
