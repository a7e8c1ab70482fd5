/**
 * Who used the machine's cores during a measurement: every process's CPU time from /proc, summed
 * into labelled groups (AIHub's primary and each worker, wrk, the upstream, PostgreSQL, Redis),
 * plus the whole machine's busy time from /proc/stat, so what the groups do not explain shows as
 * "other" (work that is not the benchmark's). Linux only; clock ticks are 10 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A group is the processes with one of its pids, or whose command name matches. */
export interface CpuGroup {
  label: string;
  pids?: number[];
  comm?: RegExp;
}

export interface CensusSnapshot {
  atMs: number;
  /** All cores' busy time since boot (user, nice, system, irq, softirq, steal), in ms. */
  machineBusyMs: number;
  /** CPU ms of the group's processes alive at the snapshot. */
  groups: Record<string, number>;
}

const TICK_MS = 10;

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  cpuMs: number;
}

/** Parses /proc/PID/stat (the command name may hold spaces and parentheses). */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    ppid: Number(fields[1]),
    cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
  };
}

/** Busy ms of all cores from the first line of /proc/stat (idle and iowait left out). */
export function parseMachineBusyMs(procStat: string): number {
  const [, ...values] = procStat.split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) * TICK_MS;
}

function readProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

/** The pids of a process's children (from /proc), e.g. a cluster primary's workers. */
export function childPids(pid: number): number[] {
  return readProcesses()
    .filter((p) => p.ppid === pid)
    .map((p) => p.pid);
}

/** Sums processes into groups: each process counts in the first group that claims it. */
export function groupCpu(processes: ProcStat[], groups: CpuGroup[]): Record<string, number> {
  const sums: Record<string, number> = Object.fromEntries(groups.map((g) => [g.label, 0]));
  for (const p of processes) {
    const group = groups.find((g) => g.pids?.includes(p.pid) || g.comm?.test(p.comm));
    if (group) sums[group.label] += p.cpuMs;
  }
  return sums;
}

export function takeCensus(groups: CpuGroup[]): CensusSnapshot {
  return {
    atMs: performance.now(),
    machineBusyMs: parseMachineBusyMs(readFileSync('/proc/stat', 'utf8')),
    groups: groupCpu(readProcesses(), groups),
  };
}

/**
 * Cores each group used between two snapshots (1 = one core busy all the time), with `machine`
 * (every core's busy time) and `other` (machine less the groups: anything else running).
 */
export function coresUsed(before: CensusSnapshot, after: CensusSnapshot): Record<string, number> {
  const wallMs = after.atMs - before.atMs;
  const cores = (ms: number) => Math.round((ms / wallMs) * 100) / 100;
  const out: Record<string, number> = {};
  let explained = 0;
  for (const [label, ms] of Object.entries(after.groups)) {
    const used = Math.max(0, ms - (before.groups[label] ?? 0));
    explained += used;
    out[label] = cores(used);
  }
  const machine = after.machineBusyMs - before.machineBusyMs;
  out.machine = cores(machine);
  out.other = cores(Math.max(0, machine - explained));
  return out;
}
