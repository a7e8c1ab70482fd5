import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { accountOptionsKey } from '../../auth/email/email-api';
import type { Settings } from './api';

/** The settings the email and captcha card edits (its own save; the main form leaves them out). */
export const MAIL_SETTING_KEYS = [
  'smtpUrl',
  'smtpFrom',
  'requireEmailVerification',
  'turnstileEnabled',
  'turnstileSiteKey',
] as const;
export type MailSettingKey = (typeof MAIL_SETTING_KEYS)[number];
export type MailSettings = Pick<Settings, MailSettingKey>;

/** GET /api/admin/mail: whether mail can be sent, and whether the secrets are set (never their values). */
export type MailStatus = ApiResponse<'/api/admin/mail', 'get'>;
export const mailStatusKey = ['admin', 'mail'] as const;

export function useMailStatus() {
  return useQuery({
    queryKey: mailStatusKey,
    queryFn: ({ signal }) => api.get<MailStatus>('/api/admin/mail', { signal }),
  });
}

export function useSaveMailSecrets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiRequest<'/api/admin/mail/secrets', 'put'>) =>
      api.put<MailStatus>('/api/admin/mail/secrets', body),
    onSuccess: (status) => {
      queryClient.setQueryData(mailStatusKey, status);
      void queryClient.invalidateQueries({ queryKey: accountOptionsKey });
    },
  });
}

export function useSendTestMail() {
  return useMutation({
    mutationFn: (body: ApiRequest<'/api/admin/mail/test', 'post'>) => api.post<void>('/api/admin/mail/test', body),
  });
}
