/**
 * What every writer of a streamed answer to Node's ServerResponse needs (the relay's client
 * connection, the audio sink): to notice a client that went away, and to wait out back-pressure.
 */
import type { ServerResponse } from 'node:http';

/** Aborts when the response closes before it finished: the client went away, so the upstream call should stop. */
export function abortedWhenClientLeaves(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Resolves once the response's buffer drained after a `write` returned false, or once the
 * response closed (a gone client never drains; the writer then finds it destroyed). Never rejects.
 */
export function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
