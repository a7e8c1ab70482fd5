import {
  Activity,
  AlertTriangle,
  ArrowDownToLine,
  ArrowUpFromLine,
  DatabaseZap,
  type LucideIcon,
  Wallet,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Skeleton } from '../../components/ui';
import { cn } from '../../lib/cn';
import { formatNumber, formatPercent, formatTokens } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { tokenSplit } from './token-split';
import type { UsageTotals } from './types';
import { errorRate } from './usage-series';

/**
 * Spend, requests, error rate, input and output tokens of the window, and its prompt cache: reads
 * and writes by lifetime (a one-hour write is priced above a five-minute one).
 */
export function SummaryCards({
  totals,
  days,
  loading,
}: {
  totals: UsageTotals | undefined;
  days: number;
  loading: boolean;
}) {
  const { t } = useTranslation('usage');
  const rate = totals ? errorRate(totals) : null;
  const perRequest = totals && totals.requests > 0 ? Math.round(totals.cost / totals.requests) : null;
  const split = totals && tokenSplit(totals);
  // Two rows of three on wide screens: what was spent and asked, then the tokens.
  return (
    <section aria-label={t('summary.label')} className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3">
      <StatCard
        icon={Wallet}
        label={t('summary.spend')}
        loading={loading}
        value={totals && formatMoney(totals.cost)}
        title={totals && formatMoney(totals.cost, { digits: 6 })}
        hint={perRequest !== null ? t('summary.perRequest', { amount: formatMoney(perRequest) }) : undefined}
        testId="summary-spend"
      />
      <StatCard
        icon={Activity}
        label={t('summary.requests')}
        loading={loading}
        value={totals && formatNumber(totals.requests)}
        hint={
          totals &&
          t('summary.perDay', { value: formatNumber(Math.round((totals.requests / Math.max(days, 1)) * 10) / 10) })
        }
        testId="summary-requests"
      />
      <StatCard
        icon={AlertTriangle}
        label={t('summary.errorRate')}
        loading={loading}
        value={rate === null ? '—' : formatPercent(rate)}
        tone={rate !== null && rate >= 0.05 ? 'danger' : undefined}
        hint={totals && t('summary.errors', { value: formatNumber(totals.errors) })}
        testId="summary-error-rate"
      />
      <StatCard
        icon={ArrowDownToLine}
        label={t('summary.inputTokens')}
        loading={loading}
        value={totals && formatTokens(totals.promptTokens)}
        title={totals && formatNumber(totals.promptTokens)}
        hint={totals && t('summary.cached', { value: formatTokens(totals.cachedTokens) })}
      />
      <StatCard
        icon={ArrowUpFromLine}
        label={t('summary.outputTokens')}
        loading={loading}
        value={totals && formatTokens(totals.completionTokens)}
        title={totals && formatNumber(totals.completionTokens)}
        hint={totals && t('summary.reasoning', { value: formatTokens(totals.reasoningTokens) })}
      />
      <Card className="flex flex-col gap-2 p-4" data-testid="summary-cache">
        <div className="flex items-center justify-between gap-2 text-muted-foreground">
          <span className="truncate text-xs font-medium">{t('summary.cache')}</span>
          <DatabaseZap className="size-4 shrink-0" aria-hidden />
        </div>
        {loading || !split ? (
          <>
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-4 w-28" />
          </>
        ) : (
          <dl className="space-y-1 text-sm">
            <CacheRow label={t('summary.cacheRead')} tokens={split.cacheRead} testId="summary-cache-read" />
            <CacheRow label={t('summary.cacheWrite5m')} tokens={split.cacheWrite5m} testId="summary-cache-write-5m" />
            <CacheRow label={t('summary.cacheWrite1h')} tokens={split.cacheWrite1h} testId="summary-cache-write-1h" />
          </dl>
        )}
      </Card>
    </section>
  );
}

function CacheRow({ label, tokens, testId }: { label: string; tokens: number; testId: string }) {
  return (
    <div className="flex items-baseline justify-between gap-2" data-testid={testId}>
      <dt className="truncate text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums" title={formatNumber(tokens)}>
        {formatTokens(tokens)}
      </dd>
    </div>
  );
}

function StatCard({
  icon: Icon,
  label,
  value,
  title,
  hint,
  loading,
  tone,
  className,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: ReactNode;
  title?: string;
  hint?: ReactNode;
  loading: boolean;
  tone?: 'danger';
  className?: string;
  testId?: string;
}) {
  return (
    <Card className={cn('flex flex-col gap-2 p-4', className)} data-testid={testId}>
      <div className="flex items-center justify-between gap-2 text-muted-foreground">
        <span className="truncate text-xs font-medium">{label}</span>
        <Icon className="size-4 shrink-0" aria-hidden />
      </div>
      {loading ? (
        <>
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-3.5 w-20" />
        </>
      ) : (
        <>
          <p
            className={cn(
              'text-2xl font-semibold tracking-tight tabular-nums',
              tone === 'danger' && 'text-destructive',
            )}
            title={title}
          >
            {value}
          </p>
          {hint && <p className="truncate text-xs text-muted-foreground">{hint}</p>}
        </>
      )}
    </Card>
  );
}
