import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';

/** GET /api/admin/margins: revenue against the operator's upstream cost, per model or per channel. */
export type MarginReport = ApiResponse<'/api/admin/margins', 'get'>;
export type MarginGrouping = MarginReport['by'];
export type MarginRow = MarginReport['data'][number];
export type MarginFigures = MarginReport['totals'];

export const MARGIN_GROUPINGS: readonly MarginGrouping[] = ['model', 'channel'];
/** Rows asked for: the report's ceiling (highest revenue first). */
const TOP = 500;

export function useMargins(params: { from: number; to?: number; by: MarginGrouping }) {
  return useQuery({
    queryKey: ['admin', 'margins', params.by, params.from, params.to ?? null],
    queryFn: ({ signal }) =>
      api.get<MarginReport>('/api/admin/margins', {
        query: { from: params.from, ...(params.to !== undefined ? { to: params.to } : {}), by: params.by, top: TOP },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
