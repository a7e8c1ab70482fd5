import { useMutation, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { currentLanguage } from '../../../lib/i18n';

/** What the sign-in pages offer: password reset, email verification, the captcha (GET /api/auth/account-options). */
export type AccountOptions = ApiResponse<'/api/auth/account-options', 'get'>;
export type CaptchaConfig = NonNullable<AccountOptions['captcha']>;

export const accountOptionsKey = ['auth', 'account-options'] as const;

export function useAccountOptions() {
  return useQuery({
    queryKey: accountOptionsKey,
    queryFn: ({ signal }) => api.get<AccountOptions>('/api/auth/account-options', { signal }),
    staleTime: 60_000,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post<{ accepted: true }>('/api/auth/password-reset/request', { email, language: currentLanguage() }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post<void>('/api/auth/password-reset/confirm', body),
  });
}

export function useVerifyEmail() {
  return useMutation({
    mutationFn: (token: string) =>
      api.post<ApiResponse<'/api/auth/verify-email', 'post'>>('/api/auth/verify-email', { token }),
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/verify-email/resend', { language: currentLanguage() }),
  });
}
