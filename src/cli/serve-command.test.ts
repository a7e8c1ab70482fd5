import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_SIZE, MIN_WORKER_POOL_SIZE } from '../store/database.js';
import { workerPoolShare } from './serve-command.js';

describe('each worker’s share of the database pool', () => {
  it('divides one process’s pool among the workers, never below the minimum', () => {
    expect(workerPoolShare({}, 2)).toEqual({ AIHUB_DATABASE_POOL_SIZE: String(DEFAULT_POOL_SIZE / 2) });
    expect(workerPoolShare({}, 3)).toEqual({ AIHUB_DATABASE_POOL_SIZE: String(Math.ceil(DEFAULT_POOL_SIZE / 3)) });
    expect(workerPoolShare({}, 64)).toEqual({ AIHUB_DATABASE_POOL_SIZE: String(MIN_WORKER_POOL_SIZE) });
  });

  it('leaves an operator’s own pool size alone (it is then per worker)', () => {
    expect(workerPoolShare({ AIHUB_DATABASE_POOL_SIZE: '8' }, 4)).toEqual({});
  });
});
