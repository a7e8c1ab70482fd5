/** What the results were measured on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export function machineInfo(): Record<string, string | number> {
  let wrk = 'missing';
  try {
    wrk = execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
  } catch (error) {
    // `wrk -v` prints its version and exits with status 1.
    const out = String((error as { stdout?: string }).stdout ?? '');
    if (out.startsWith('wrk')) wrk = out.split('\n')[0].split(' [')[0];
  }
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {}
  return {
    cpu,
    cores: cpus().length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GB`,
    kernel: release(),
    node: process.version,
    wrk,
    'load average at start': loadAverage(),
  };
}

/** 1, 5 and 15 minute load averages: anything else running on the machine shows here. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status === 1;
  }
}
