import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type {
  Channel,
  ChannelSettingsBody,
  ChannelTestResult,
  CreateChannelBody,
  RouteSpeedRow,
  RoutingHealth,
} from './types';

const BASE = '/api/admin/channels';
export const channelsQueryKey = ['admin', 'channels'] as const;
export const routingHealthQueryKey = ['admin', 'routing-health'] as const;
export const routeSpeedQueryKey = ['admin', 'routing-speed'] as const;

/** Every channel (env, config and admin), refreshed every 30 s: statuses change on their own (auto-disable). */
export function useChannels() {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: ({ signal }) => api.get<{ data: Channel[] }>(BASE, { signal }).then((page) => page.data),
    refetchInterval: 30_000,
  });
}

/** Cooldowns and circuit breakers, as this server process sees them. */
export function useRoutingHealth() {
  return useQuery({
    queryKey: routingHealthQueryKey,
    queryFn: ({ signal }) => api.get<RoutingHealth>('/api/admin/routing/health', { signal }),
    refetchInterval: 15_000,
  });
}

/** Measured speed per channel and upstream model (this process's own traffic), refreshed every 15 s. */
export function useRouteSpeed() {
  return useQuery({
    queryKey: routeSpeedQueryKey,
    queryFn: ({ signal }) =>
      api.get<{ data: RouteSpeedRow[] }>('/api/admin/routing/speed', { signal }).then((page) => page.data),
    refetchInterval: 15_000,
  });
}

/** Puts a channel returned by a mutation into the cached list, then refreshes the list. */
function storeChannel(client: QueryClient, channel: Channel): void {
  client.setQueryData<Channel[]>(channelsQueryKey, (list) => {
    if (!list) return list;
    const index = list.findIndex((item) => item.id === channel.id);
    if (index === -1) return [...list, channel];
    return list.map((item) => (item.id === channel.id ? channel : item));
  });
  void client.invalidateQueries({ queryKey: channelsQueryKey });
}

function useChannelMutation<Variables>(run: (variables: Variables) => Promise<Channel>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (channel) => storeChannel(client, channel),
  });
}

export function useCreateChannel() {
  return useChannelMutation((body: CreateChannelBody) => api.post<Channel>(BASE, body));
}

export function useUpdateChannel() {
  return useChannelMutation(({ id, body }: { id: string; body: ChannelSettingsBody }) =>
    api.patch<Channel>(`${BASE}/${encodeURIComponent(id)}`, body),
  );
}

export function useAddKeys() {
  return useChannelMutation(({ id, keys }: { id: string; keys: string[] }) =>
    api.post<Channel>(`${BASE}/${encodeURIComponent(id)}/keys`, { keys }),
  );
}

export function useSetKeyStatus() {
  return useChannelMutation(
    ({ id, keyId, enabled, reason }: { id: string; keyId: string; enabled: boolean; reason?: string }) =>
      api.patch<Channel>(`${BASE}/${encodeURIComponent(id)}/keys/${encodeURIComponent(keyId)}`, {
        status: enabled ? 'enabled' : 'disabled',
        ...(reason ? { reason } : {}),
      }),
  );
}

export function useRemoveKey() {
  return useChannelMutation(({ id, keyId }: { id: string; keyId: string }) =>
    api.delete<Channel>(`${BASE}/${encodeURIComponent(id)}/keys/${encodeURIComponent(keyId)}`),
  );
}

export function useSetChannelStatus() {
  return useChannelMutation(({ id, enabled, reason }: { id: string; enabled: boolean; reason?: string }) =>
    api.post<Channel>(`${BASE}/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, reason ? { reason } : {}),
  );
}

export function useDeleteChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${BASE}/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      client.setQueryData<Channel[]>(channelsQueryKey, (list) => list?.filter((item) => item.id !== id));
      void client.invalidateQueries({ queryKey: channelsQueryKey });
    },
  });
}

/** Sends one tiny request through the channel. Upstream failures come back as `ok: false`, not as errors. */
export function useTestChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, model, keyId }: { id: string; model?: string; keyId?: string }) =>
      api.post<ChannelTestResult>(`${BASE}/${encodeURIComponent(id)}/test`, {
        ...(model ? { model } : {}),
        ...(keyId ? { keyId } : {}),
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: routingHealthQueryKey }),
  });
}
