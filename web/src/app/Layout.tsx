import { X } from 'lucide-react';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useMatches, useNavigation } from 'react-router';
import { Button } from '../components/ui';
import { useModalBehaviour } from '../components/ui/overlay';
import { VerifyEmailBanner } from '../features/auth/email/VerifyEmailBanner';
import { ConsoleAnnouncements } from '../features/site/ConsoleAnnouncements';
import { cn } from '../lib/cn';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';

/** Route `handle` options read by the layout. */
export interface RouteHandle {
  /** The page uses the whole area under the top bar (no max width, no padding): the playground. */
  fullBleed?: boolean;
}

/** The signed-in frame: sidebar (a drawer on phones), top bar, and the page. */
export function Layout({ children }: { children?: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  const navigation = useNavigation();
  const fullBleed = useMatches().some((match) => (match.handle as RouteHandle | undefined)?.fullBleed);

  return (
    <div className="min-h-dvh">
      {navigation.state === 'loading' && (
        <div className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-primary" role="progressbar" aria-hidden />
      )}
      <aside className="fixed inset-y-0 left-0 z-20 hidden w-60 border-r border-border md:block">
        <Sidebar />
      </aside>
      <MobileNav open={navOpen} onClose={() => setNavOpen(false)} />
      <div className="flex min-h-dvh flex-col md:pl-60">
        <TopBar onOpenNav={() => setNavOpen(true)} />
        <ConsoleAnnouncements />
        <VerifyEmailBanner />
        <main
          id="main"
          className={cn(
            'flex-1',
            fullBleed ? 'flex flex-col' : 'mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8',
          )}
        >
          {children ?? <Outlet />}
        </main>
      </div>
    </div>
  );
}

function MobileNav({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  useModalBehaviour(open, panel, onClose);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-40 md:hidden">
      <div className="absolute inset-0 animate-fade-in bg-overlay" aria-hidden onClick={onClose} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label={t('nav.label')}
        tabIndex={-1}
        className="absolute inset-y-0 left-0 w-72 max-w-[85vw] animate-slide-in-left border-r border-border shadow-pop outline-none"
      >
        <Sidebar onNavigate={onClose} />
        <Button
          variant="ghost"
          size="icon-sm"
          className="absolute top-3 right-3"
          onClick={onClose}
          aria-label={t('topbar.closeNav')}
          data-overlay-close
        >
          <X />
        </Button>
      </div>
    </div>
  );
}
