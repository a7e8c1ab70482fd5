import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Logo } from '../components/Logo';
import { CopyButton } from '../components/ui';
import { useAuth } from '../lib/auth';
import { cn } from '../lib/cn';
import { NAV_GROUPS } from './navigation';

/** The navigation: fixed at the left on wide screens, inside the mobile drawer on phones. */
export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { isAdmin } = useAuth();
  const endpoint = `${window.location.origin}/v1`;
  return (
    <div className="flex h-full flex-col bg-sidebar">
      <div className="flex h-14 shrink-0 items-center px-5">
        <NavLink to="/playground" onClick={onNavigate} aria-label={t('app.name')}>
          <Logo />
        </NavLink>
      </div>
      <nav aria-label={t('nav.label')} className="flex-1 space-y-5 overflow-y-auto px-3 py-3">
        {NAV_GROUPS.filter((group) => !group.adminOnly || isAdmin).map((group) => (
          <div key={group.label}>
            <p className="px-2.5 pb-1.5 text-[11px] font-semibold tracking-wider text-muted-foreground/80 uppercase">
              {t(`nav.groups.${group.label}`)}
            </p>
            <ul className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.end}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      cn(
                        'flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm font-medium transition-colors',
                        isActive
                          ? 'bg-primary-soft text-primary'
                          : 'text-muted-foreground hover:bg-accent hover:text-foreground',
                      )
                    }
                  >
                    <item.icon className="size-4 shrink-0" aria-hidden />
                    {t(`nav.${item.label}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="m-3 rounded-xl border border-border bg-card p-3">
        <p className="text-xs font-medium">{t('sidebar.endpoint')}</p>
        <div className="mt-1 flex items-center gap-1">
          <code className="min-w-0 flex-1 truncate font-mono text-xs text-muted-foreground" title={endpoint}>
            {endpoint}
          </code>
          <CopyButton value={endpoint} size="icon-sm" className="size-7" />
        </div>
        <p className="mt-1 text-[11px] leading-snug text-muted-foreground">{t('sidebar.endpointHint')}</p>
      </div>
    </div>
  );
}
