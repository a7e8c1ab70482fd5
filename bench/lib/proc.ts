/**
 * Child processes for the benchmark: every component (upstream, proxies, gateways, load
 * generators) runs in its own process so none takes CPU from another inside one event loop.
 * A child is ready when a line of its output satisfies `ready` (usually `BENCH_READY {json}`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** CPU list for `taskset -c` (BENCH_PIN=1), e.g. `0` or `1`. */
  cpu?: string;
  /** Output file (stdout and stderr). */
  logFile: string;
  /** Returns a value (not undefined) when the line says the child is ready. */
  ready: (line: string) => unknown;
  readyTimeoutMs?: number;
}

export interface Child {
  name: string;
  pid: number;
  proc: ChildProcess;
  /** What `ready` returned. */
  info: unknown;
  logFile: string;
  /** Lines of output seen so far (the last 200). */
  tail: string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
  stop(graceMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

const live = new Set<Child>();

// Whatever way the benchmark ends, no child outlives it.
process.once('exit', () => {
  for (const child of live) child.proc.kill('SIGKILL');
});

/** The `node` command for a TypeScript entry point (run through tsx). */
export function nodeTs(file: string, nodeArgs: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: [...nodeArgs, '--import', 'tsx', file] };
}

export function startChild(options: StartOptions): Promise<Child> {
  const { command, args } = options.cpu
    ? { command: 'taskset', args: ['-c', options.cpu, options.command, ...options.args] }
    : options;
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const tail: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
  return new Promise<Child>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error(`${options.name} not ready after ${options.readyTimeoutMs ?? 60_000} ms`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const child: Child = {
      name: options.name,
      pid: proc.pid ?? -1,
      proc,
      info: undefined,
      logFile: options.logFile,
      tail,
      exited,
      async stop(graceMs = 10_000) {
        live.delete(child);
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      },
    };
    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void child.stop(1000);
      reject(new Error(`${error.message}\n--- ${options.logFile} (tail) ---\n${tail.slice(-30).join('\n')}`));
    }
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 200) tail.shift();
      if (settled) return;
      const info = options.ready(line);
      if (info !== undefined) {
        settled = true;
        clearTimeout(timer);
        child.info = info;
        live.add(child);
        resolve(child);
      }
    };
    for (const stream of [proc.stdout, proc.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        buffered += chunk.toString('utf8');
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          onLine(buffered.slice(0, newline).replace(/\r$/, ''));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      });
    }
    proc.once('error', (error) => fail(error));
    void exited.then((code) => {
      log.end();
      fail(new Error(`${options.name} exited with code ${code} before it was ready`));
    });
  });
}

/** Parses `BENCH_READY {json}` lines (what our own child entry points print). */
export function benchReady(line: string): unknown {
  return line.startsWith('BENCH_READY ') ? JSON.parse(line.slice('BENCH_READY '.length)) : undefined;
}

/** Stops every child still running (on exit or Ctrl-C). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => child.stop(3000)));
}

/** Resident set size of a process in MB, from /proc (undefined once it is gone). */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used, in milliseconds, from /proc (undefined once it is
 * gone). Clock ticks are 10 ms, so over a 10 s cell it is good to ~0.1%.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** A TCP port that was free a moment ago (for children that need one given, like Portkey). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
