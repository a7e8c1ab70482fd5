import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMfaStatus } from '../features/account/mfa-api';
import { ForbiddenPage } from '../features/errors/ForbiddenPage';
import { useAuth, wasLoggedOutOnPurpose } from '../lib/auth';
import { FullPageSpinner } from './FullPageSpinner';

const Landing = lazy(() => import('../features/site/Landing').then((m) => ({ default: m.Landing })));

/**
 * Pages for signed-in users: anyone else goes to /login?next=<this page>, except at `/`, where a
 * visitor gets the landing page (signed-in users go on to the playground).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <FullPageSpinner />;
  if (!user && location.pathname === '/') {
    return (
      <Suspense fallback={<FullPageSpinner />}>
        <Landing />
      </Suspense>
    );
  }
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    const plain = next === '/' || wasLoggedOutOnPurpose();
    return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/**
 * Admin pages: other users see "Administrators only" (the API refuses them anyway). When the
 * operator requires 2FA of administrators, one without it is sent to enrol on the account page.
 */
export function RequireAdmin() {
  const { isAdmin } = useAuth();
  const mfa = useMfaStatus(isAdmin);
  if (!isAdmin) return <ForbiddenPage />;
  if (mfa.isPending) return <FullPageSpinner />;
  if (mfa.data?.enrolmentRequired) return <Navigate to="/account" replace />;
  return <Outlet />;
}

/**
 * Login and sign-up: a signed-in user goes straight to the console, to the page that sent them to
 * log in (`?next=`) if any. This is also what moves a person on after a successful login.
 */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { user, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <FullPageSpinner />;
  if (user) return <Navigate to={safeNext(location.search)} replace />;
  return children;
}

/** Where to go after login: the `next` parameter when it is a path on this site. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/playground';
}
