import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api } from '../../../lib/api';
import { channelsQueryKey, routingHealthQueryKey } from './api';
import type { BulkStatusBody, ChannelTestResult, UpstreamBalance, UpstreamModels } from './types';

const BASE = '/api/admin/channels';
/** Tests in flight at once from the console (the server's test-all default too). */
const TEST_CONCURRENCY = 4;

export function useUpstreamModels() {
  return useMutation({
    mutationFn: (id: string) => api.get<UpstreamModels>(`${BASE}/${encodeURIComponent(id)}/upstream-models`),
  });
}

export function useUpstreamBalance() {
  return useMutation({
    mutationFn: (id: string) => api.get<UpstreamBalance>(`${BASE}/${encodeURIComponent(id)}/balance`),
  });
}

export function useBulkStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkStatusBody) => api.post<{ updated: number; ids: string[] }>(`${BASE}/bulk-status`, body),
    onSettled: () => void client.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

export interface TestAllProgress {
  total: number;
  done: number;
  running: boolean;
}

/**
 * Tests many channels a few at a time through the one-channel test route, so the page can show a
 * progress bar and fill each row as its answer arrives (the server keeps every result).
 */
export function useTestAll(onResult: (result: ChannelTestResult) => void) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<TestAllProgress>({ total: 0, done: 0, running: false });
  const abort = useRef<AbortController | null>(null);
  const run = useCallback(
    async (ids: string[]) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ total: ids.length, done: 0, running: true });
      let next = 0;
      const lane = async () => {
        while (next < ids.length && !controller.signal.aborted) {
          const id = ids[next] as string;
          next += 1;
          try {
            const result = await api.post<ChannelTestResult>(
              `${BASE}/${encodeURIComponent(id)}/test`,
              {},
              { signal: controller.signal },
            );
            onResult(result);
          } catch {
            // A refused test (channel deleted meanwhile) leaves its row as it was.
          }
          if (!controller.signal.aborted) setProgress((current) => ({ ...current, done: current.done + 1 }));
        }
      };
      await Promise.all(Array.from({ length: Math.min(TEST_CONCURRENCY, ids.length) }, lane));
      if (!controller.signal.aborted) setProgress((current) => ({ ...current, running: false }));
      void client.invalidateQueries({ queryKey: channelsQueryKey });
      void client.invalidateQueries({ queryKey: routingHealthQueryKey });
    },
    [client, onResult],
  );
  const cancel = useCallback(() => {
    abort.current?.abort();
    setProgress((current) => ({ ...current, running: false }));
  }, []);
  return { progress, run, cancel };
}
