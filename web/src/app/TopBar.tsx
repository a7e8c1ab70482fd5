import { Check, CreditCard, Languages, LogOut, Menu, Monitor, Moon, Sun, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Logo } from '../components/Logo';
import { MoneyText } from '../components/MoneyText';
import { Badge, Button, DropdownMenu, MenuItem, MenuLabel, MenuSeparator } from '../components/ui';
import { AnnouncementBell } from '../features/site/AnnouncementBell';
import { useCurrentUser, useLogout } from '../lib/auth';
import { LANGUAGES } from '../lib/i18n';
import { type ThemePreference, useTheme } from './theme';

const THEME_ICONS = { light: Sun, dark: Moon, system: Monitor } as const;

export function TopBar({ onOpenNav }: { onOpenNav: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-background/80 px-3 backdrop-blur-md sm:px-5">
      <Button variant="ghost" size="icon" className="md:hidden" onClick={onOpenNav} aria-label={t('topbar.openNav')}>
        <Menu />
      </Button>
      <Link to="/playground" className="md:hidden" aria-label={t('app.name')}>
        <Logo withName={false} />
      </Link>
      <div className="flex-1" />
      <BalancePill />
      <AnnouncementBell />
      <LanguageMenu />
      <ThemeMenu />
      <UserMenu />
    </header>
  );
}

function BalancePill() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Link
      to="/billing"
      className="hidden h-8 items-center gap-2 rounded-full border border-border bg-card px-3 text-xs shadow-soft hover:bg-accent sm:inline-flex"
      data-testid="balance"
    >
      <span className="text-muted-foreground">{t('topbar.balance')}</span>
      <MoneyText units={user.balance} digits={2} />
    </Link>
  );
}

function LanguageMenu() {
  const { t, i18n } = useTranslation();
  return (
    <DropdownMenu
      trigger={(props) => (
        <Button {...props} variant="ghost" size="icon" aria-label={t('topbar.language')} title={t('topbar.language')}>
          <Languages />
        </Button>
      )}
      className="min-w-40"
    >
      {LANGUAGES.map((language) => (
        <MenuItem
          key={language.code}
          onSelect={() => void i18n.changeLanguage(language.code)}
          icon={<Check className={i18n.resolvedLanguage === language.code ? 'opacity-100' : 'opacity-0'} />}
        >
          <span lang={language.htmlLang}>{language.label}</span>
        </MenuItem>
      ))}
    </DropdownMenu>
  );
}

function ThemeMenu() {
  const { t } = useTranslation();
  const { theme, resolved, setTheme } = useTheme();
  const Current = resolved === 'dark' ? Moon : Sun;
  return (
    <DropdownMenu
      trigger={(props) => (
        <Button {...props} variant="ghost" size="icon" aria-label={t('topbar.theme')} title={t('topbar.theme')}>
          <Current />
        </Button>
      )}
      className="min-w-40"
    >
      {(['light', 'dark', 'system'] as ThemePreference[]).map((option) => {
        const Icon = THEME_ICONS[option];
        return (
          <MenuItem key={option} onSelect={() => setTheme(option)} icon={<Icon />}>
            <span className="flex-1">{t(`theme.${option}`)}</span>
            {theme === option && <Check className="size-4 text-primary" aria-hidden />}
          </MenuItem>
        );
      })}
    </DropdownMenu>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const initials = (user.displayName || user.email).slice(0, 1).toUpperCase();
  const onLogout = () => logout.mutate();
  return (
    <DropdownMenu
      trigger={(props) => (
        <button
          {...props}
          type="button"
          aria-label={t('topbar.userMenu')}
          className="ml-1 flex size-8 cursor-pointer items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground ring-offset-2 ring-offset-background hover:ring-2 hover:ring-ring/40"
        >
          {initials}
        </button>
      )}
    >
      <MenuLabel>
        <p className="text-xs text-muted-foreground">{t('topbar.signedInAs')}</p>
        <p className="truncate font-medium" data-testid="user-email">
          {user.email}
        </p>
        <div className="mt-2 flex items-center justify-between gap-2">
          <span className="text-xs text-muted-foreground">
            {t('topbar.balance')} <MoneyText units={user.balance} digits={2} className="text-foreground" />
          </span>
          {user.role === 'admin' && <Badge variant="primary">{t('topbar.admin')}</Badge>}
        </div>
      </MenuLabel>
      <MenuSeparator />
      <MenuItem icon={<UserRound />} onSelect={() => navigate('/account')}>
        {t('nav.account')}
      </MenuItem>
      <MenuItem icon={<CreditCard />} onSelect={() => navigate('/billing')}>
        {t('nav.billing')}
      </MenuItem>
      <MenuSeparator />
      <MenuItem icon={<LogOut />} onSelect={onLogout} danger>
        {t('topbar.logout')}
      </MenuItem>
    </DropdownMenu>
  );
}
