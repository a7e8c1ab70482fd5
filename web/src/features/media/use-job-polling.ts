import { useQuery } from '@tanstack/react-query';

/** How often a running job is asked about (Sora and Midjourney take minutes; a faster answer changes nothing). */
export const JOB_POLL_MS = 2000;

export interface JobPolling<T> {
  queryKey: readonly unknown[];
  /** One look at the job (its status endpoint). */
  fetchJob: (signal: AbortSignal) => Promise<T>;
  /** Whether the job has ended, well or not: polling stops then. */
  isFinished: (job: T) => boolean;
  /** What is known before the first look (the submission's answer), if anything. */
  initialData?: T;
}

/**
 * Asks about a job every two seconds until it has finished (succeeded or failed), then stops:
 * the video result and the Midjourney task card follow their jobs the same way.
 */
export function useJobPolling<T>({ queryKey, fetchJob, isFinished, initialData }: JobPolling<T>) {
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchJob(signal),
    ...(initialData === undefined ? {} : { initialData }),
    refetchInterval: (state) => (state.state.data !== undefined && isFinished(state.state.data) ? false : JOB_POLL_MS),
  });
  const current = query.data;
  return { current, finished: current !== undefined && isFinished(current), error: query.error };
}
