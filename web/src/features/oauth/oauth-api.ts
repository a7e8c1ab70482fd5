import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../api/schema';
import { api } from '../../lib/api';

/** The sign-in providers offered on the login page (GET /api/auth/oauth/providers). */
export type SignInProvider = ApiResponse<'/api/auth/oauth/providers', 'get'>['data'][number];
export type LinkedIdentity = ApiResponse<'/api/account/identities', 'get'>['data'][number];
export type AdminOAuthProvider = ApiResponse<'/api/admin/oauth/providers', 'get'>['data'][number];
export type AdminOAuthPatch = ApiRequest<'/api/admin/oauth/providers/{provider}', 'patch'>;

const providersKey = ['auth', 'oauth-providers'] as const;
const identitiesKey = ['account', 'identities'] as const;
const adminKey = ['admin', 'oauth-providers'] as const;

/** Where the browser goes to sign in (or, with `link`, to link the provider to this account). */
export function startUrl(provider: string, link = false): string {
  return `/api/auth/oauth/${encodeURIComponent(provider)}/start${link ? '?link=1' : ''}`;
}

export function useSignInProviders() {
  return useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/auth/oauth/providers', 'get'>>('/api/auth/oauth/providers', { signal }),
    staleTime: 60_000,
  });
}

export function useLinkedIdentities() {
  return useQuery({
    queryKey: identitiesKey,
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/account/identities', 'get'>>('/api/account/identities', { signal }),
  });
}

export function useUnlinkIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/account/identities/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identitiesKey }),
  });
}

export function useAdminOAuthProviders() {
  return useQuery({
    queryKey: adminKey,
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/oauth/providers', 'get'>>('/api/admin/oauth/providers', { signal }),
  });
}

export function useSaveOAuthProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, patch }: { provider: string; patch: AdminOAuthPatch }) =>
      api.patch<AdminOAuthProvider>(`/api/admin/oauth/providers/${encodeURIComponent(provider)}`, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKey });
      void queryClient.invalidateQueries({ queryKey: providersKey });
    },
  });
}
