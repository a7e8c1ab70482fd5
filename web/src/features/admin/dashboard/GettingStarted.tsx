import { ArrowRight, Check, KeyRound, Network, Plus, Terminal } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClasses, Card, CopyButton } from '../../../components/ui';
import { cn } from '../../../lib/cn';

/**
 * The fresh-install guide: add a channel → create a key → call /v1. Without channels it is the
 * whole dashboard's message; with channels but no traffic yet, step 1 shows as done.
 */
export function GettingStarted({ hasChannels }: { hasChannels: boolean }) {
  const { t } = useTranslation('admin');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = [
    `curl ${origin}/v1/chat/completions \\`,
    '  -H "Authorization: Bearer $AIHUB_API_KEY" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join('\n');

  return (
    <Card className="overflow-hidden" data-testid="getting-started">
      <div className="border-b border-border bg-linear-to-br from-primary-soft/70 via-card to-card px-5 py-6 sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="space-y-1">
            <h2 className="text-lg font-semibold tracking-tight">
              {hasChannels ? t('start.titleNoTraffic') : t('start.title')}
            </h2>
            <p className="max-w-xl text-sm text-muted-foreground">
              {hasChannels ? t('start.textNoTraffic') : t('start.text')}
            </p>
          </div>
          {!hasChannels && (
            <Link to="/admin/channels" className={buttonClasses('primary', 'md')}>
              <Plus />
              {t('start.addChannel')}
            </Link>
          )}
        </div>
      </div>
      <ol className="grid gap-px bg-border md:grid-cols-3">
        <Step
          number={1}
          done={hasChannels}
          icon={Network}
          title={t('start.step1Title')}
          text={t('start.step1Text')}
          action={
            <Link to="/admin/channels" className={buttonClasses('link', 'sm')}>
              {hasChannels ? t('start.step1Done') : t('start.step1Action')}
              <ArrowRight />
            </Link>
          }
        />
        <Step
          number={2}
          icon={KeyRound}
          title={t('start.step2Title')}
          text={t('start.step2Text')}
          action={
            <Link to="/keys" className={buttonClasses('link', 'sm')}>
              {t('start.step2Action')}
              <ArrowRight />
            </Link>
          }
        />
        <Step number={3} icon={Terminal} title={t('start.step3Title')} text={t('start.step3Text')}>
          <div className="relative mt-3 rounded-lg border border-border bg-muted/50">
            <pre className="overflow-x-auto px-3 py-2.5 pr-10 font-mono text-[11px] leading-relaxed">{snippet}</pre>
            <CopyButton value={snippet} className="absolute top-1.5 right-1.5" />
          </div>
        </Step>
      </ol>
    </Card>
  );
}

function Step({
  number,
  done,
  icon: Icon,
  title,
  text,
  action,
  children,
}: {
  number: number;
  done?: boolean;
  icon: typeof Network;
  title: string;
  text: string;
  action?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li className="flex min-w-0 flex-col bg-card px-5 py-5 sm:px-6">
      <div className="flex items-center gap-3">
        <span
          className={cn(
            'flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
            done ? 'bg-success text-primary-foreground' : 'bg-primary-soft text-primary',
          )}
          aria-hidden
        >
          {done ? <Check className="size-4" /> : number}
        </span>
        <Icon className="size-4 text-muted-foreground" aria-hidden />
        <h3 className={cn('text-sm font-semibold', done && 'text-muted-foreground line-through')}>{title}</h3>
      </div>
      <p className="mt-2 text-sm text-muted-foreground">{text}</p>
      {children}
      {action && <div className="mt-auto pt-3">{action}</div>}
    </li>
  );
}
