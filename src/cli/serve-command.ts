import cluster from 'node:cluster';
import pino from 'pino';
import { type App, createApp } from '../app.js';
import { prepareFirstStart } from '../cluster/workers/prepare-first-start.js';
import { PrimaryHub } from '../cluster/workers/primary-hub.js';
import { PrimaryLink, type WorkerPort } from '../cluster/workers/primary-link.js';
import { runPrimary } from '../cluster/workers/run-primary.js';
import { hostSharedState } from '../cluster/workers/shared-state.js';
import { resolveWorkerCount } from '../cluster/workers/worker-count.js';
import { loadStickySettings } from '../routing/sticky/sticky-settings.js';
import { DEFAULT_POOL_SIZE, MIN_WORKER_POOL_SIZE } from '../store/database.js';

/**
 * A burst of new connections (a thousand clients opening streams at once) must not overflow
 * Node's default accept queue of 511 and leave clients retrying their SYN for seconds; the kernel
 * still caps it at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4_096;

export interface ServeOptions {
  configPath?: string;
  /** `--workers N`. */
  workers?: string;
}

/**
 * `aihub serve`: one process, or with more than one worker (`--workers`, `AIHUB_WORKERS`) a
 * primary that prepares the database once and forks workers sharing one port; each worker is a
 * whole gateway. Run again in a worker, this is the worker's side.
 */
export async function serve(options: ServeOptions): Promise<void> {
  if (cluster.isWorker) return serveWorker(options);
  const env = process.env;
  const count = resolveWorkerCount({ flag: options.workers, env: env.AIHUB_WORKERS, databaseUrl: env.DATABASE_URL });
  if (count === 1) return serveSingle(options);
  return servePrimary(options, count);
}

async function serveSingle(options: ServeOptions): Promise<void> {
  const app = await createApp({ env: process.env, configPath: options.configPath });
  const { settings, server } = app;
  await server.listen({ host: settings.host, port: settings.port, backlog: LISTEN_BACKLOG });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  process.stdout.write(`AIHub listening on http://${settings.host}:${port} (database: ${app.store.location})\n`);
  printGeneratedAdminKey(app.generatedAdminKey);
  const stop = shutdownController(app);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The primary does the first start's work once (prepare-first-start.ts) before any worker starts,
 * then keeps the workers' shared state (when there is no Redis) and the workers themselves.
 */
async function servePrimary(options: ServeOptions, count: number): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
  const { settings, location, generatedAdminKey } = await prepareFirstStart(process.env, options.configPath, logger);
  const hub = new PrimaryHub();
  hostSharedState(hub, { sticky: loadStickySettings(process.env) });
  const primary = runPrimary({
    count,
    hub,
    workerEnv: workerPoolShare(process.env, count),
    onListening: ({ port }) => {
      process.stdout.write(
        `AIHub listening on http://${settings.host}:${port} (${count} workers, database: ${location})\n`,
      );
      printGeneratedAdminKey(generatedAdminKey);
    },
    report: (level, message, details) => logger[level]({ ...details, primary: process.pid }, `primary: ${message}`),
  });
  process.exitCode = await primary.done;
  logger.info({ exitCode: process.exitCode }, 'primary: every worker has stopped');
  process.exit();
}

async function serveWorker(options: ServeOptions): Promise<void> {
  const link = new PrimaryLink(process as unknown as WorkerPort);
  // Stops can come while the gateway is still starting (right after this worker replaced another):
  // they are counted and applied once it can drain.
  let stop: ((reason: string) => void) | undefined;
  let pendingStops = 0;
  const requestStop = (reason: string) => (stop ? stop(reason) : pendingStops++);
  link.listen((message) => {
    if (message.aihub !== 'stop') return;
    requestStop('primary');
    if (message.now) requestStop('primary');
  });
  // Without its primary a worker gets no new connections: finish what is open and go (or, still
  // starting, just go).
  process.on('disconnect', () => (stop ? stop('primary gone') : process.exit(1)));
  // The primary relays the operator's signal; a terminal's Ctrl-C reaches the whole process
  // group, and counting it here too would turn one Ctrl-C into "end the drain now".
  process.on('SIGINT', () => {});
  // A signal sent to this worker alone drains it; the primary then starts another.
  process.on('SIGTERM', () => requestStop('SIGTERM'));
  const app = await createApp({ env: process.env, configPath: options.configPath, primary: link });
  const { settings, server } = app;
  await server.listen({ host: settings.host, port: settings.port, backlog: LISTEN_BACKLOG });
  stop = shutdownController(app);
  app.logger.info({ worker: cluster.worker?.id }, 'worker: listening');
  for (; pendingStops > 0; pendingStops--) stop('asked while starting');
}

/** Unless the operator chose a pool size, each worker gets its share of one process's pool. */
export function workerPoolShare(env: NodeJS.ProcessEnv, count: number): Record<string, string> {
  if (env.AIHUB_DATABASE_POOL_SIZE?.trim()) return {};
  return { AIHUB_DATABASE_POOL_SIZE: String(Math.max(MIN_WORKER_POOL_SIZE, Math.ceil(DEFAULT_POOL_SIZE / count))) };
}

function printGeneratedAdminKey(key: string | undefined): void {
  if (!key) return;
  process.stdout.write(
    `\nNo AIHUB_ADMIN_KEY was set, so one was generated. It is shown only this once:\n\n  ${key}\n\n`,
  );
}

/**
 * The first call starts the graceful shutdown (app.shutdown: drain, settle, flush, close) and
 * exits 0 once it is done; a second call ends the drain at once (what is open is cut and settled
 * as delivered, then the same flush and close).
 */
function shutdownController(app: App): (reason: string) => void {
  let endDrain: (() => void) | undefined;
  const endNow = new Promise<void>((resolve) => {
    endDrain = resolve;
  });
  let shuttingDown = false;
  return (reason) => {
    if (shuttingDown) {
      app.logger.warn({ reason }, 'shutdown: asked again, ending the drain now');
      endDrain?.();
      return;
    }
    shuttingDown = true;
    app.logger.info({ reason }, 'shutdown: started');
    app.shutdown({ endNow }).then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
}
