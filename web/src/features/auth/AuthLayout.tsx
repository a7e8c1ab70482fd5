import { Check } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../components/Logo';
import { useDocumentTitle } from '../../lib/site';
import { PreferenceSwitches } from './PreferenceSwitches';

/** The frame of the login and sign-up pages: the form on the right, the pitch on the left (wide screens). */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useTranslation(['auth', 'common']);
  const points = [t('side.point1'), t('side.point2'), t('side.point3')];
  useDocumentTitle(title);
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden border-r border-border bg-sidebar lg:flex lg:flex-col lg:justify-between lg:p-10">
        <div
          aria-hidden
          className="pointer-events-none absolute -top-32 -left-32 size-[28rem] rounded-full bg-primary/15 blur-3xl"
        />
        <div
          aria-hidden
          className="pointer-events-none absolute -right-24 bottom-0 size-80 rounded-full bg-info/10 blur-3xl"
        />
        <Logo className="relative" />
        <div className="relative max-w-md space-y-6">
          <h2 className="text-3xl font-semibold tracking-tight">{t('side.headline')}</h2>
          <ul className="space-y-3">
            {points.map((point) => (
              <li key={point} className="flex items-start gap-3 text-sm text-muted-foreground">
                <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-primary-soft text-primary">
                  <Check className="size-3.5" aria-hidden />
                </span>
                {point}
              </li>
            ))}
          </ul>
          <pre className="overflow-hidden rounded-xl border border-border bg-card p-4 font-mono text-xs leading-relaxed text-muted-foreground shadow-soft">
            <span className="text-primary">POST</span> /v1/chat/completions{'\n'}
            {'{ "model": "'}
            <span className="text-foreground">claude-sonnet-4-5</span>
            {'", ... }'}
          </pre>
        </div>
        <p className="relative text-xs text-muted-foreground">{t('common:app.tagline')}</p>
      </aside>
      <main className="flex flex-col">
        <div className="flex items-center justify-between p-4 sm:p-6">
          <Logo className="lg:invisible" />
          <PreferenceSwitches />
        </div>
        <div className="flex flex-1 items-start justify-center px-4 pt-4 pb-16 sm:items-center sm:pt-0">
          <div className="w-full max-w-sm">
            <div className="mb-8 space-y-1.5">
              <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
              <p className="text-sm text-muted-foreground">{subtitle}</p>
            </div>
            {children}
          </div>
        </div>
      </main>
    </div>
  );
}
