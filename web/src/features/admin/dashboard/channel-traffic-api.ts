import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import type { TimeWindow } from './api';

/** GET /api/admin/dashboard/channels: requests, errors, latency and cost per channel. */
export type ChannelTrafficTable = ApiResponse<'/api/admin/dashboard/channels', 'get'>;
export type ChannelTrafficRow = ChannelTrafficTable['data'][number];
/** GET /api/admin/dashboard/hourly: the last 24 hours. */
export type HourlyTraffic = ApiResponse<'/api/admin/dashboard/hourly', 'get'>;

export function useChannelTraffic(window: TimeWindow) {
  return useQuery({
    queryKey: ['admin', 'channel-traffic', window.from, window.to],
    queryFn: ({ signal }) =>
      api.get<ChannelTrafficTable>('/api/admin/dashboard/channels', {
        query: { from: window.from, to: window.to },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The last 24 hours of every channel, or of the one named. */
export function useHourlyTraffic(channel: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'hourly-traffic', channel ?? ''],
    queryFn: ({ signal }) =>
      api.get<HourlyTraffic>('/api/admin/dashboard/hourly', { query: channel ? { channel } : {}, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
