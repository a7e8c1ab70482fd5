import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../components/ui/Toast';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';
import type { LoginResponse, MeResponse, PublicSettings, RegisterResponse, SessionResponse, User } from './types';

/** Query keys other features invalidate: `queryClient.invalidateQueries({ queryKey: meQueryKey })` after a balance change. */
export const meQueryKey = ['auth', 'me'] as const;
export const publicSettingsQueryKey = ['settings', 'public'] as const;

interface AuthState {
  /** The logged-in user; null when logged out; undefined while the first check runs. */
  user: User | null | undefined;
  isLoading: boolean;
  isAdmin: boolean;
  /** Re-reads /api/auth/me (balance after a redemption, a chat, ...). */
  refresh: () => Promise<unknown>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

async function fetchMe(): Promise<User | null> {
  try {
    const me = await api.get<MeResponse>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

/** Holds the current user (GET /api/auth/me through TanStack Query) for the whole console. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });

  useEffect(() => {
    // A 401 anywhere means the session ended: re-check, and the guard sends us to /login.
    setUnauthorizedHandler(() => void queryClient.invalidateQueries({ queryKey: meQueryKey }));
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      user: me.data,
      isLoading: me.isPending,
      isAdmin: me.data?.role === 'admin',
      refresh: () => me.refetch(),
    }),
    [me.data, me.isPending, me.refetch],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The logged-in user, for pages behind the auth guard (never null there). */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a logged-in user (use it behind <RequireAuth>)');
  return user;
}

/** Makes a started session the console's (its CSRF token and user); the guards then move on. */
export function useAdoptSession(): (session: SessionResponse) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (session: SessionResponse) => {
      loggedOutOnPurpose = false;
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(meQueryKey, session.user);
    },
    [queryClient],
  );
}

/** The password step; with 2FA on it answers a challenge instead, and no session starts yet. */
export function useLogin() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: { email: string; password: string; captchaToken?: string }) =>
      api.post<LoginResponse>('/api/auth/login', body),
    onSuccess: (answer) => {
      if ('csrfToken' in answer) adopt(answer);
    },
  });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      email: string;
      password: string;
      displayName?: string;
      invite?: string;
      captchaToken?: string;
      language?: 'en' | 'zh';
    }) => api.post<RegisterResponse>('/api/auth/register', body),
    onSuccess: (session) => {
      loggedOutOnPurpose = false;
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(meQueryKey, session.user);
    },
  });
}

let loggedOutOnPurpose = false;

/** True after the person logged out themselves (until the next login): the auth guard then goes to /login without `?next=`. */
export function wasLoggedOutOnPurpose(): boolean {
  return loggedOutOnPurpose;
}

/** Logs out, forgets every cached answer, and says so; the auth guard then shows /login. */
export function useLogout() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/auth/logout');
      } catch (error) {
        // Already logged out elsewhere: the goal is reached.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      setCsrfToken(undefined);
      loggedOutOnPurpose = true;
      // Drop every other cached answer: the next user must not see this one's data.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
      toast.success(t('topbar.loggedOut'));
    },
    onError: (error) => toast.error(error),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/auth/password', body),
  });
}

/** What a visitor may know before signing up: is registration open, how much is the trial credit. */
export function usePublicSettings() {
  return useQuery({
    queryKey: publicSettingsQueryKey,
    queryFn: () => api.get<PublicSettings>('/api/settings/public'),
    staleTime: 5 * 60_000,
  });
}
