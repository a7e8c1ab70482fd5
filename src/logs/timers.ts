/** The timer functions the log's background jobs use; injected so tests can drive them by hand. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Node's timers, unref'd: a background flush or sweep never keeps the process alive by itself
 * (shutdown calls close()/stop() to finish the work).
 */
export const nodeTimers: IntervalTimers = {
  setInterval(callback, ms) {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as NodeJS.Timeout);
  },
};
