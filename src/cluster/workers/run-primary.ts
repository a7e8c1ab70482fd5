import cluster, { type Worker } from 'node:cluster';
import { missingNodeFlags } from '../../platform/node-flags.js';
import type { PrimaryHub } from './primary-hub.js';

export interface RunPrimaryOptions {
  /** How many workers to keep running. */
  count: number;
  hub: PrimaryHub;
  /** Called once, when the first worker listens (the port is the one they all share). */
  onListening: (address: { address: string; port: number }) => void;
  /** What happened to workers: crashes, restarts, the stop. */
  report: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
  /** Added to each worker's environment. */
  workerEnv?: Record<string, string>;
  /** Signals the primary stops on (default SIGTERM and SIGINT); tests drive `stop()` instead. */
  signals?: NodeJS.Signals[];
}

export interface RunningPrimary {
  /** First call: every worker drains and exits. Second: they end their drains at once. */
  stop(): void;
  /** Resolves with the exit code once every worker has ended after a stop (0: all stopped cleanly). */
  done: Promise<number>;
}

/** A worker that lived shorter than this and died counts as a crash loop: wait before the next. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The primary of `aihub serve --workers N`: forks N workers that share one listening port
 * (node's cluster module, round-robin), keeps N alive (a worker that dies is replaced, at once
 * unless it keeps dying young, then with a growing delay), and on SIGTERM asks each to drain,
 * waiting for all. It serves no request itself.
 */
export function runPrimary(options: RunPrimaryOptions): RunningPrimary {
  let stopping = false;
  let stopRequests = 0;
  let everListened = false;
  let failed = false;
  let quickDeaths = 0;
  const started = new Map<Worker, number>();
  /** How many stop messages each worker was sent (a worker hears them only once it said hello). */
  const stopsSent = new Map<Worker, number>();
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  // Workers run with the recommended V8 flags (platform/node-flags.ts) unless the operator chose
  // their own values; the rest of the primary's own flags they inherit as cluster does by default.
  cluster.setupPrimary({
    execArgv: [...process.execArgv, ...missingNodeFlags(process.execArgv, process.env.NODE_OPTIONS)],
  });
  const fork = () => {
    const worker = cluster.fork(options.workerEnv);
    started.set(worker, Date.now());
    options.hub.attach(worker);
    worker.once('listening', (address) => {
      if (everListened) return;
      everListened = true;
      options.onListening({ address: address.address ?? '', port: address.port });
    });
  };

  const finishIfEmpty = () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolveDone(failed ? 1 : 0);
  };

  cluster.on('exit', (worker, code, signal) => {
    const livedMs = Date.now() - (started.get(worker) ?? Date.now());
    started.delete(worker);
    stopsSent.delete(worker);
    const clean = code === 0 && !signal;
    options.hub.detach(worker, { crashed: !clean });
    if (stopping) {
      if (!clean) failed = true;
      finishIfEmpty();
      return;
    }
    if (!everListened) {
      // The first workers could not even start (a bad configuration, the port taken): restarting
      // would fail the same way for ever.
      options.report('error', 'a worker failed before listening; stopping', { code, signal });
      failed = true;
      stop();
      return;
    }
    quickDeaths = livedMs < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    const delayMs = quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** quickDeaths);
    options.report(
      clean ? 'info' : 'error',
      clean ? 'a worker stopped; starting another' : 'a worker died; starting another',
      {
        pid: worker.process.pid,
        code,
        signal,
        restartInMs: delayMs,
      },
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delayMs).unref();
  });

  /** Sends a worker the stops it has not heard yet, once it can hear them. */
  const relayStops = (worker: Worker) => {
    if (!worker.isConnected()) {
      if (stopRequests > 0) worker.process.kill('SIGTERM');
      return;
    }
    if (!options.hub.listening(worker)) return; // sent when it says hello
    for (let sent = stopsSent.get(worker) ?? 0; sent < Math.min(stopRequests, 2); sent++) {
      worker.send({ aihub: 'stop', now: sent === 1 });
      stopsSent.set(worker, sent + 1);
    }
  };
  options.hub.onHello((channel) => {
    if (stopping) relayStops(channel as Worker);
  });

  function stop(): void {
    stopRequests++;
    if (stopRequests > 2) return;
    stopping = true;
    const now = stopRequests === 2;
    options.report('info', now ? 'second stop: workers end their drains now' : 'stopping: workers drain', {});
    for (const worker of Object.values(cluster.workers ?? {})) if (worker) relayStops(worker);
    finishIfEmpty();
  }

  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as NodeJS.Signals[])) process.on(signal, stop);
  for (let index = 0; index < options.count; index++) fork();
  return { stop, done };
}
