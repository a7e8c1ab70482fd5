import { AudioLines, Clapperboard, Image, ListTodo, MessageSquare, Palette } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { cn } from '../../lib/cn';

/** The playground's modes, each its own route under /playground (chat is the index). */
const MODES = [
  { to: '/playground', label: 'modes.chat', icon: MessageSquare, end: true },
  { to: '/playground/images', label: 'modes.images', icon: Image },
  { to: '/playground/video', label: 'modes.video', icon: Clapperboard },
  { to: '/playground/midjourney', label: 'modes.midjourney', icon: Palette },
  { to: '/playground/speech', label: 'modes.speech', icon: AudioLines },
  { to: '/playground/jobs', label: 'modes.jobs', icon: ListTodo },
] as const;

/** The playground's frame: a row of modes above the mode's page, which fills the rest of the screen. */
export function PlaygroundModes() {
  const { t } = useTranslation('media');
  return (
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 flex-col">
      <nav
        aria-label={t('modes.label')}
        className="flex h-10 shrink-0 items-center gap-1 overflow-x-auto border-b border-border px-2 sm:px-4"
      >
        {MODES.map((mode) => (
          <NavLink
            key={mode.to}
            to={mode.to}
            end={'end' in mode ? mode.end : false}
            className={({ isActive }) =>
              cn(
                'inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors',
                isActive ? 'bg-muted text-foreground' : 'text-muted-foreground hover:text-foreground',
              )
            }
          >
            <mode.icon className="size-3.5" aria-hidden />
            {t(mode.label)}
          </NavLink>
        ))}
      </nav>
      <div className="flex min-h-0 flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  );
}
