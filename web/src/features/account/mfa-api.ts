import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../api/schema';
import { api } from '../../lib/api';
import { useAdoptSession } from '../../lib/auth';
import type { SessionResponse } from '../../lib/types';

/** Two-factor authentication and passkeys: the account page's and the login page's calls. */

export type MfaStatus = ApiResponse<'/api/auth/mfa', 'get'>;
export type TotpSetup = ApiResponse<'/api/auth/mfa/totp/setup', 'post'>;
export type PasskeyList = ApiResponse<'/api/auth/passkeys', 'get'>;
export type Passkey = PasskeyList['data'][number];
type CreationOptions = ApiResponse<'/api/auth/passkeys/options', 'post'>;
type RequestOptions = ApiResponse<'/api/auth/passkey-login/options', 'post'>;
type RegisterPasskeyBody = ApiRequest<'/api/auth/passkeys', 'post'>;
type PasskeyLoginBody = ApiRequest<'/api/auth/passkey-login', 'post'>;

export const mfaStatusQueryKey = ['mfa', 'status'] as const;
export const passkeysQueryKey = ['mfa', 'passkeys'] as const;

export function useMfaStatus(enabled = true) {
  return useQuery({
    queryKey: mfaStatusQueryKey,
    queryFn: ({ signal }) => api.get<MfaStatus>('/api/auth/mfa', { signal }),
    enabled,
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/api/auth/mfa/totp/setup') });
}

/** Confirms enrolment (or regenerates the codes): both answer the backup codes. */
export function useBackupCodesMutation(path: '/api/auth/mfa/totp/confirm' | '/api/auth/mfa/backup-codes') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<{ backupCodes: string[] }>(path, { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryKey }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proof: { code?: string; password?: string }) => api.post<void>('/api/auth/mfa/totp/disable', proof),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryKey }),
  });
}

/** The second step of a sign-in: starts the session. */
export function useMfaVerify() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string }) => api.post<SessionResponse>('/api/auth/mfa/verify', body),
    onSuccess: adopt,
  });
}

export function usePasskeys() {
  return useQuery({
    queryKey: passkeysQueryKey,
    queryFn: ({ signal }) => api.get<PasskeyList>('/api/auth/passkeys', { signal }),
  });
}

/** Creation options from the server, the browser's ceremony, then the credential back to the server. */
export function useRegisterPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = await api.post<CreationOptions>('/api/auth/passkeys/options');
      const response = await startRegistration({ optionsJSON: options as never });
      const body = { name, response } as unknown as RegisterPasskeyBody;
      return api.post<Passkey>('/api/auth/passkeys', body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: passkeysQueryKey }),
  });
}

export function useDeletePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/passkeys/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: passkeysQueryKey }),
  });
}

/** A usernameless sign-in: the authenticator offers the account's passkey. */
export function usePasskeyLogin() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async () => {
      const options = await api.post<RequestOptions>('/api/auth/passkey-login/options');
      const response = await startAuthentication({ optionsJSON: options as never });
      const body = { response } as unknown as PasskeyLoginBody;
      return api.post<SessionResponse>('/api/auth/passkey-login', body);
    },
    onSuccess: adopt,
  });
}

/** A browser's own WebAuthn refusal (cancelled, timed out, not allowed) rather than the server's. */
export function isWebAuthnCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
