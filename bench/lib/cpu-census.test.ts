import { describe, expect, it } from 'vitest';
import { coresUsed, groupCpu, parseMachineBusyMs, parseProcStat } from './cpu-census.js';

describe('cpu census', () => {
  it('reads a process line whose command name holds spaces and parentheses', () => {
    const line = '4242 (node (worker) x) S 4200 4242 4242 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 11 0 1 2 3';
    expect(parseProcStat(line)).toEqual({ pid: 4242, comm: 'node (worker) x', ppid: 4200, cpuMs: 1750 });
  });

  it("counts the machine's busy time without idle and iowait", () => {
    expect(parseMachineBusyMs('cpu  100 5 50 9000 300 1 2 3 0 0\ncpu0 1 2 3')).toBe(1610);
  });

  it('puts each process in the first group that claims it, by pid or by command name', () => {
    const procs = [
      { pid: 1, comm: 'node', ppid: 0, cpuMs: 100 },
      { pid: 2, comm: 'postgres', ppid: 0, cpuMs: 30 },
      { pid: 3, comm: 'postgres', ppid: 0, cpuMs: 20 },
      { pid: 4, comm: 'bash', ppid: 0, cpuMs: 999 },
    ];
    const groups = [
      { label: 'aihub', pids: [1, 3] },
      { label: 'postgres', comm: /^postgres$/ },
    ];
    expect(groupCpu(procs, groups)).toEqual({ aihub: 120, postgres: 30 });
  });

  it('turns two snapshots into cores, with the unexplained rest of the machine as other', () => {
    const before = { atMs: 0, machineBusyMs: 1000, groups: { aihub: 500, wrk: 0 } };
    const after = { atMs: 2000, machineBusyMs: 4000, groups: { aihub: 2500, wrk: 100 } };
    expect(coresUsed(before, after)).toEqual({ aihub: 1, wrk: 0.05, machine: 1.5, other: 0.45 });
  });
});
