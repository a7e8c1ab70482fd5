import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Layout } from '../../app/Layout';
import { Logo } from '../../components/Logo';
import { buttonClasses } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { useDocumentTitle } from '../../lib/site';

export function NotFoundPage() {
  const { t } = useTranslation(['common', 'auth']);
  const { user } = useAuth();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center gap-4 px-6 py-16 text-center">
      <div className="flex size-14 items-center justify-center rounded-2xl border border-border bg-card text-muted-foreground shadow-soft">
        <Compass className="size-7" aria-hidden />
      </div>
      <p className="font-mono text-sm font-semibold text-primary">{t('notFound.code')}</p>
      <h1 className="text-2xl font-semibold tracking-tight">{t('notFound.title')}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t('notFound.text')}</p>
      <Link to={user ? '/playground' : '/login'} className={buttonClasses('primary', 'md', 'mt-2')}>
        {user ? t('actions.goHome') : t('auth:login.submit')}
      </Link>
    </div>
  );
}

/** Unknown paths: inside the console frame when signed in, on a bare page otherwise. */
export function NotFoundRoute() {
  const { user, isLoading } = useAuth();
  if (isLoading) return null;
  if (user) {
    return (
      <Layout>
        <NotFoundPage />
      </Layout>
    );
  }
  return (
    <div className="min-h-dvh">
      <div className="p-5">
        <Logo />
      </div>
      <NotFoundPage />
    </div>
  );
}
