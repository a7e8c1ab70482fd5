import type { Logger } from 'pino';

/** Retries of a settlement the database refused (transient outage), spaced 1, 2, 4, 8, 16 s. */
const SETTLE_RETRIES = 5;

/**
 * Runs a settlement or release. The first attempt is awaited; if the database refuses it, retries
 * continue in the background (the hold is still this instance's, so the sweep leaves it alone)
 * and undefined is returned.
 */
export async function settleWithRetries<T>(
  task: () => Promise<T>,
  requestId: string,
  logger: Pick<Logger, 'error'> | undefined,
): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    logger?.error({ err: error, requestId }, 'settlement failed; retrying in the background');
    void (async () => {
      for (let attempt = 0; attempt < SETTLE_RETRIES; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt).unref());
        try {
          await task();
          return;
        } catch (retryError) {
          logger?.error({ err: retryError, requestId, attempt: attempt + 1 }, 'settlement retry failed');
        }
      }
    })();
    return undefined;
  }
}
