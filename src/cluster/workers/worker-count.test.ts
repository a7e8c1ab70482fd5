import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, resolveWorkerCount, WorkerCountError } from './worker-count.js';

describe('resolveWorkerCount', () => {
  it('defaults to every core on PostgreSQL and to one on SQLite', () => {
    expect(resolveWorkerCount({ databaseUrl: 'postgres://localhost/aihub', cores: 8 })).toBe(8);
    expect(resolveWorkerCount({ databaseUrl: 'postgresql://localhost/aihub', cores: 2 })).toBe(2);
    expect(resolveWorkerCount({ cores: 8 })).toBe(1);
    expect(resolveWorkerCount({ databaseUrl: 'sqlite:/tmp/a.db', cores: 8 })).toBe(1);
  });

  it('takes what was asked, the flag over the environment, and auto as every core', () => {
    expect(resolveWorkerCount({ env: '3', cores: 2 })).toBe(3);
    expect(resolveWorkerCount({ flag: '2', env: '5', cores: 8 })).toBe(2);
    expect(resolveWorkerCount({ flag: 'auto', cores: 6 })).toBe(6);
    expect(resolveWorkerCount({ env: '1', databaseUrl: 'postgres://x/y', cores: 8 })).toBe(1);
    expect(resolveWorkerCount({ env: '  ', cores: 4 })).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'two', '', `${MAX_WORKERS + 1}`, '1e3'])(
    'refuses --workers %j with a message naming it',
    (asked) => {
      expect(() => resolveWorkerCount({ flag: asked, cores: 2 })).toThrow(WorkerCountError);
      expect(() => resolveWorkerCount({ flag: asked, cores: 2 })).toThrow(/--workers must be a whole number/);
    },
  );

  it('names AIHUB_WORKERS when the bad value came from the environment', () => {
    expect(() => resolveWorkerCount({ env: 'many', cores: 2 })).toThrow(/AIHUB_WORKERS/);
  });
});
