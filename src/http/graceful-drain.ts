import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DrainGate } from './drain-gate.js';

export interface DrainOptions {
  /** Fastify's close, called once (the app memoises it: close() after a drain must not call it again). */
  closeServer: () => Promise<void>;
  /** The raw server, to cut the connections still open when the drain ends early. */
  server: Pick<FastifyInstance['server'], 'closeAllConnections'>;
  gate: DrainGate;
  /** How long requests and streams in flight may run on (0: cut at once). */
  timeoutMs: number;
  /** Resolves when the drain must end now (a second SIGTERM). */
  endNow?: Promise<unknown>;
  /** After a cut, how long handlers get to settle what they delivered and write their log rows. */
  settleGraceMs?: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface DrainOutcome {
  /** 'drained': everything in flight finished; 'cut': the timeout or a second signal ended it. */
  outcome: 'drained' | 'cut';
  /** Requests still running when they were cut. */
  cut: number;
  /** Handlers still running after the settle grace (their holds are left to the leftover release). */
  unsettled: number;
}

const DEFAULT_SETTLE_GRACE_MS = 30_000;

/**
 * The serving half of a graceful shutdown. Draining starts at once (/readyz answers 503, requests
 * on connections still open get 503 + retry-after + connection: close) and the listener closes
 * (new connections are refused); requests and streams in flight run on until they finish, the
 * timeout passes, or `endNow` resolves. Then what is still open is cut: each cut stream's handler
 * sees its client gone and settles what the client received (the rest of its hold is released),
 * and the drain waits for those handlers before it returns, so the caller may flush and close.
 */
export async function drainServer(options: DrainOptions): Promise<DrainOutcome> {
  const { gate, logger } = options;
  gate.beginDraining();
  logger.info(
    { inFlight: gate.inFlight, timeoutSeconds: options.timeoutMs / 1000 },
    'shutdown: draining (new connections refused, requests in flight continue)',
  );
  const drained = Promise.all([options.closeServer(), gate.whenIdle()]).then(() => 'drained' as const);
  const deadline = delay(options.timeoutMs);
  const ended = await Promise.race([
    drained,
    deadline.promise.then(() => 'timeout' as const),
    ...(options.endNow ? [options.endNow.then(() => 'signal' as const)] : []),
  ]);
  deadline.cancel();
  if (ended === 'drained') {
    logger.info('shutdown: every request in flight finished');
    return { outcome: 'drained', cut: 0, unsettled: 0 };
  }

  const cut = gate.inFlight;
  logger.warn(
    { reason: ended === 'timeout' ? 'drain timeout' : 'second signal', cut },
    'shutdown: cutting what is still open; each is charged for what it delivered',
  );
  options.server.closeAllConnections();
  const grace = delay(options.settleGraceMs ?? DEFAULT_SETTLE_GRACE_MS);
  const settled = await Promise.race([drained, grace.promise.then(() => 'grace over' as const)]);
  grace.cancel();
  const unsettled = settled === 'drained' ? 0 : gate.inFlight;
  if (unsettled > 0) logger.error({ unsettled }, 'shutdown: requests did not finish settling after the cut');
  else logger.info({ cut }, 'shutdown: cut requests settled');
  return { outcome: 'cut', cut, unsettled };
}

function delay(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
