import { describe, expect, it } from 'vitest';
import { cgroupCpuQuota, MAX_WORKERS, resolveWorkerCount, usableCores, WorkerCountError } from './worker-count.js';

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

describe('the cores a container may use', () => {
  const files = (entries: Record<string, string>) => (path: string) => {
    const text = entries[path];
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    return text;
  };

  it('reads the cgroup v2 quota, then v1, and no limit as none', () => {
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': '200000 100000\n' }))).toBe(2);
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': '150000 100000' }))).toBe(1.5);
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': 'max 100000' }))).toBeUndefined();
    expect(
      cgroupCpuQuota(
        files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '400000', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }),
      ),
    ).toBe(4);
    expect(
      cgroupCpuQuota(
        files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }),
      ),
    ).toBeUndefined();
    expect(cgroupCpuQuota(files({}))).toBeUndefined();
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': 'garbage' }))).toBeUndefined();
  });

  it('caps the cores by the quota, rounding a fraction up, never below one', () => {
    expect(usableCores(files({ '/sys/fs/cgroup/cpu.max': '1 100000' }))).toBe(1);
    expect(usableCores(files({ '/sys/fs/cgroup/cpu.max': '100000 100000' }))).toBe(1);
    expect(usableCores(files({ '/sys/fs/cgroup/cpu.max': `${1_000_000 * 100_000} 100000` }))).toBeGreaterThanOrEqual(1);
  });
});
