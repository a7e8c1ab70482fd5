import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { siteQueryKey } from '../../../lib/site';

export type Announcement = ApiResponse<'/api/admin/announcements', 'get'>['data'][number];
export type AnnouncementInput = ApiRequest<'/api/admin/announcements', 'post'>;

const listKey = ['admin', 'announcements'] as const;

export function useAnnouncements() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/announcements', 'get'>>('/api/admin/announcements', { signal }),
  });
}

/** Create (no id) or replace (with an id), then refresh the list and what the console shows. */
export function useSaveAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AnnouncementInput }) =>
      id
        ? api.put<Announcement>(`/api/admin/announcements/${encodeURIComponent(id)}`, input)
        : api.post<Announcement>('/api/admin/announcements', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: listKey });
      void queryClient.invalidateQueries({ queryKey: siteQueryKey });
    },
  });
}

export function useDeleteAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/admin/announcements/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: listKey });
      void queryClient.invalidateQueries({ queryKey: siteQueryKey });
    },
  });
}
