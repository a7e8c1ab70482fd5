import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolveStoreTarget } from '../../store/database.js';

export interface WorkerCountInput {
  /** `--workers N` on the command line; wins over the environment. */
  flag?: string;
  /** `AIHUB_WORKERS`. */
  env?: string;
  /** `DATABASE_URL`: a PostgreSQL URL makes the default every core; unset (SQLite) makes it 1. */
  databaseUrl?: string;
  /** Cores this process may use (default: usableCores()). */
  cores?: number;
}

/** The most workers one primary forks: far past any machine's useful count, short of a typo's. */
export const MAX_WORKERS = 256;

export class WorkerCountError extends Error {}

/**
 * How many worker processes `aihub serve` runs. Asked for (`--workers`, `AIHUB_WORKERS`): that
 * number, or `auto` for every core. Not asked: every core on PostgreSQL, where each worker is one
 * more client of the same server; one on SQLite, where every money move is a write to one file
 * and more processes mostly add lock waits (an operator who measured otherwise can ask).
 */
export function resolveWorkerCount(input: WorkerCountInput): number {
  const cores = Math.max(1, input.cores ?? usableCores());
  const asked = input.flag ?? (input.env?.trim() ? input.env : undefined);
  if (asked === undefined)
    return resolveStoreTarget({ url: input.databaseUrl, dataDir: '.' }).dialect === 'postgres' ? cores : 1;
  const text = asked.trim();
  if (text === 'auto') return cores;
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > MAX_WORKERS) {
    const source = input.flag !== undefined ? '--workers' : 'AIHUB_WORKERS';
    throw new WorkerCountError(`${source} must be a whole number from 1 to ${MAX_WORKERS}, or auto (got "${asked}").`);
  }
  return Number(text);
}

/**
 * The cores this process may use: os.availableParallelism (CPU affinity), capped by the cgroup's
 * CPU quota when there is one. In a container limited to 2 CPUs on a 64-core host, affinity
 * still shows 64, and 64 workers would fight over 2 CPUs.
 */
export function usableCores(read: (path: string) => string = (path) => readFileSync(path, 'utf8')): number {
  const affinity = availableParallelism();
  const quota = cgroupCpuQuota(read);
  return quota === undefined ? affinity : Math.max(1, Math.min(affinity, Math.ceil(quota)));
}

/** CPUs allowed by the cgroup (v2 `cpu.max`, else v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`); undefined: no limit. */
export function cgroupCpuQuota(read: (path: string) => string): number | undefined {
  const attempt = (fn: () => number | undefined) => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  const ratio = (quota: number, period: number) =>
    Number.isFinite(quota) && Number.isFinite(period) && quota > 0 && period > 0 ? quota / period : undefined;
  const v2 = attempt(() => {
    const [quota, period] = read('/sys/fs/cgroup/cpu.max').trim().split(/\s+/);
    return quota === 'max' ? undefined : ratio(Number(quota), Number(period));
  });
  if (v2 !== undefined) return v2;
  return attempt(() =>
    ratio(
      Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us').trim()),
      Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us').trim()),
    ),
  );
}
