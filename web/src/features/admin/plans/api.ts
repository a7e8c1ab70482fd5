import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';

/** Everything of the plans page lives under this key (refetched after any change). */
export const plansAdminKey = ['admin', 'plans'] as const;

export type Plan = ApiResponse<'/api/admin/plans', 'get'>['plans'][number];
export type PlanStatus = Plan['status'];
export type PlanPeriod = Plan['period'];
export type Allowances = Plan['allowances'];
export type AllowanceWindow = keyof Allowances;
export type AllowanceUnit = NonNullable<Allowances['five_hour']>['unit'];
export type CreatePlanBody = ApiRequest<'/api/admin/plans', 'post'>;
export type UpdatePlanBody = ApiRequest<'/api/admin/plans/{id}', 'patch'>;

export type Subscription = ApiResponse<'/api/admin/subscriptions', 'get'>['subscriptions'][number];
export type SubscriptionStatus = Subscription['status'];
export type SubscriptionWindow = Subscription['windows'][number];
export type GrantBody = ApiRequest<'/api/admin/subscriptions', 'post'>;
export type UpdateSubscriptionBody = ApiRequest<'/api/admin/subscriptions/{id}', 'patch'>;

/** The server lists at most this many subscriptions when no user is chosen (the latest ones). */
export const SUBSCRIPTION_LIST_CAP = 500;

export function usePlans() {
  return useQuery({
    queryKey: [...plansAdminKey, 'list'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/admin/plans', 'get'>>('/api/admin/plans', { signal }),
    select: (answer) => answer.plans,
  });
}

/** Subscriptions of one user, or the latest of everyone (no user). */
export function useSubscriptions(userId: string | undefined) {
  return useQuery({
    queryKey: [...plansAdminKey, 'subscriptions', userId ?? null],
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/subscriptions', 'get'>>('/api/admin/subscriptions', {
        query: { userId },
        signal,
      }),
    select: (answer) => answer.subscriptions,
    // Windows fill up while the page is open.
    refetchInterval: 30_000,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: plansAdminKey });
}

export function useCreatePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreatePlanBody) => api.post<Plan>('/api/admin/plans', body),
    onSuccess: refresh,
  });
}

export function useUpdatePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePlanBody }) =>
      api.patch<Plan>(`/api/admin/plans/${encodeURIComponent(id)}`, body),
    onSuccess: refresh,
  });
}

export function useGrantPlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: GrantBody) => api.post<Subscription>('/api/admin/subscriptions', body),
    onSuccess: refresh,
  });
}

export function useUpdateSubscription() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSubscriptionBody }) =>
      api.patch<Subscription>(`/api/admin/subscriptions/${encodeURIComponent(id)}`, body),
    onSuccess: refresh,
  });
}
