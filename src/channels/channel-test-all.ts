/** How many channel tests run at once by default: enough to be quick, few enough not to trip rate limits. */
export const DEFAULT_TEST_CONCURRENCY = 4;
export const MAX_TEST_CONCURRENCY = 16;

/**
 * Runs `work` over `items` with at most `concurrency` in flight, results in the items' order.
 * `work` must not reject (a channel test reports failures as results).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  const lanes = Math.max(1, Math.min(Math.trunc(concurrency), items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
