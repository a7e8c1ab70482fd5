import { availableParallelism } from 'node:os';
import { resolveStoreTarget } from '../../store/database.js';

export interface WorkerCountInput {
  /** `--workers N` on the command line; wins over the environment. */
  flag?: string;
  /** `AIHUB_WORKERS`. */
  env?: string;
  /** `DATABASE_URL`: a PostgreSQL URL makes the default every core; unset (SQLite) makes it 1. */
  databaseUrl?: string;
  /** Cores this process may use (os.availableParallelism, which honours CPU affinity). */
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
  const cores = Math.max(1, input.cores ?? availableParallelism());
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
