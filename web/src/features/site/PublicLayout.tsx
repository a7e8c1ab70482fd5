import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { Logo } from '../../components/Logo';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { buttonClasses } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { cn } from '../../lib/cn';
import { localized, useLanguage, useSite } from '../../lib/site';
import { PreferenceSwitches } from '../auth/PreferenceSwitches';

/** The frame of the pages visitors see before signing in: the landing page, models and docs. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation('site');
  const { user } = useAuth();
  const site = useSite().data;
  const language = useLanguage();
  const footer = site ? localized(site.footer, language) : '';
  const link = ({ isActive }: { isActive: boolean }) =>
    cn('rounded-md px-2.5 py-1.5 text-sm hover:bg-accent', isActive ? 'text-foreground' : 'text-muted-foreground');
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b border-border bg-background/80 backdrop-blur-md">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:px-6">
          <Link to="/" aria-label={t('nav.home')}>
            <Logo />
          </Link>
          <nav className="ml-4 flex items-center gap-1" aria-label={t('nav.home')}>
            {site?.publicModels !== 'hidden' && (
              <NavLink to="/pricing" className={link}>
                {t('nav.models')}
              </NavLink>
            )}
            <NavLink to="/docs" className={link}>
              {t('nav.docs')}
            </NavLink>
          </nav>
          <div className="flex-1" />
          <div className="hidden sm:block">
            <PreferenceSwitches />
          </div>
          {user ? (
            <Link to="/playground" className={buttonClasses('primary', 'sm')}>
              {t('nav.console')}
            </Link>
          ) : (
            <>
              <Link to="/login" className={buttonClasses('ghost', 'sm')}>
                {t('nav.login')}
              </Link>
              {site?.registrationEnabled !== false && (
                <Link to="/register" className={buttonClasses('primary', 'sm')}>
                  {t('nav.register')}
                </Link>
              )}
            </>
          )}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children ?? <Outlet />}
      </main>
      {footer && (
        <footer className="border-t border-border" data-testid="site-footer">
          <div className="mx-auto max-w-6xl px-4 py-6 text-muted-foreground sm:px-6">
            <SafeMarkdown className="text-xs">{footer}</SafeMarkdown>
          </div>
        </footer>
      )}
    </div>
  );
}

/** "Sign up" (or "Log in" when sign-up is closed) for the end of each public page. */
export function SignUpLink({ text }: { text: string }) {
  const { t } = useTranslation('site');
  const { user } = useAuth();
  const site = useSite().data;
  if (user) return null;
  const open = site?.registrationEnabled !== false;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-border bg-card p-4 shadow-soft">
      <p className="text-sm text-muted-foreground">{text}</p>
      <Link to={open ? '/register' : '/login'} className={buttonClasses('primary', 'sm')}>
        {open ? t('nav.register') : t('nav.login')}
      </Link>
    </div>
  );
}
