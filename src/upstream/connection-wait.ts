import type { Dispatcher } from 'undici';

/**
 * How long an upstream call waited for a connection: from the moment it was handed to the pool to
 * the moment a connection took it (undici's `onRequestStart`, called as the request is written).
 * That is the time spent queued behind a full pool, plus opening a connection when a new one was
 * needed; on a warm keep-alive connection it is about 0. A call that never got a connection (it
 * timed out or was cancelled while queued) waited until it was asked about.
 *
 * Recorded per call signal (one signal per attempt, see relay/attempt-deadline.ts), so the attempt
 * can report it in the request log without the wait travelling through every layer in between.
 */
interface Wait {
  startedAt: number;
  connectedAt?: number;
}

const waits = new WeakMap<object, Wait>();

/** The dispatch option that carries a call's wait to the interceptor. */
const WAIT = Symbol('aihub.connectionWait');

/** Options for `request()` that time the call made under `signal`. */
export function timedDispatchOptions(signal: object, now: () => number = performance.now.bind(performance)) {
  const wait: Wait = { startedAt: now() };
  waits.set(signal, wait);
  return { [WAIT]: { wait, now } };
}

/** Milliseconds the call made under `signal` waited for a connection (rounded), if it was timed. */
export function connectionWaitMs(
  signal: object,
  now: () => number = performance.now.bind(performance),
): number | undefined {
  const wait = waits.get(signal);
  if (!wait) return undefined;
  return Math.round((wait.connectedAt ?? now()) - wait.startedAt);
}

/** The undici interceptor that notes when each timed call gets its connection. */
export const connectionWaitInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) =>
  function timedDispatch(options, handler) {
    const timer = (options as { [WAIT]?: { wait: Wait; now: () => number } })[WAIT];
    if (!timer) return dispatch(options, handler);
    return dispatch(
      options,
      new ConnectedHandler(handler, () => {
        timer.wait.connectedAt ??= timer.now();
      }),
    );
  };

/** Passes every event through, noting the first `onRequestStart`. */
class ConnectedHandler implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly connected: () => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.connected();
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>): void {
    this.inner.onRequestUpgrade?.(...args);
  }

  onResponseStart(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>): void {
    this.inner.onResponseStart?.(...args);
  }

  onResponseData(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseData']>>): void {
    this.inner.onResponseData?.(...args);
  }

  onResponseEnd(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>): void {
    this.inner.onResponseEnd?.(...args);
  }

  onResponseError(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseError']>>): void {
    this.inner.onResponseError?.(...args);
  }
}
