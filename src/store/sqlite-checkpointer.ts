import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits
 * the 1000th page of WAL runs the checkpoint itself, inside that commit: it copies pages into
 * the database file and fsyncs it, synchronously (better-sqlite3 is synchronous). Under load that
 * was the gateway's longest stall: event-loop delay up to 400 ms at 2,000 req/s in the benchmark,
 * with p99 latency ten times the median. Here the main connection never checkpoints
 * (`wal_autocheckpoint = 0`); a worker thread with its own connection runs PASSIVE checkpoints
 * every `everyMs` (they never block the writer, and skip what a reader still needs).
 *
 * PASSIVE alone never lets the WAL start over under steady writes: SQLite rewinds it only when a
 * writer finds every frame copied back, and at a few hundred requests a second a new commit
 * always lands while the checkpoint runs. The bench's soak grew the WAL by 100 MB a minute at
 * 240 req/s (3 GB in 30 minutes, on disk and in the WAL index every lookup walks). So once the
 * WAL holds `restartFrames` frames, the worker follows its PASSIVE pass with a RESTART that
 * never waits (busy_timeout 0): if the writer lock is free it copies the few frames written since
 * and marks the WAL done, so the next commit rewinds it; if not, it is a PASSIVE pass and the next
 * tick tries again. The writer waits only for those few frames and one fsync. The main connection's
 * `journal_size_limit` then cuts the rewound file back to that size (database.ts).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const SQLite = createRequire(workerData.resolveFrom)('better-sqlite3');
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    const [pass] = db.pragma('wal_checkpoint(PASSIVE)');
    if (pass && pass.log >= workerData.restartFrames) {
      db.pragma('busy_timeout = 0');
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        db.pragma('busy_timeout = 5000');
      }
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** 4,096 frames: 16 MB of WAL at SQLite's default 4 KB page, a rewind every few seconds under load. */
export const WAL_RESTART_FRAMES = 4096;

export function startCheckpointer(
  file: string,
  options: { everyMs?: number; restartFrames?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      everyMs: options.everyMs ?? 1000,
      restartFrames: options.restartFrames ?? WAL_RESTART_FRAMES,
      resolveFrom: import.meta.url,
    },
  });
  worker.unref();
  let stopped: Promise<void> | undefined;
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        worker.on('message', (message: { stopped?: boolean }) => {
          if (message.stopped) void worker.terminate().then(done, done);
        });
        worker.postMessage('stop');
        // A worker that cannot answer (its thread died) must not hold shutdown.
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      });
      return stopped;
    },
  };
}
