import {
  Activity,
  AlertTriangle,
  ArrowDownRight,
  ArrowUpRight,
  CircleDollarSign,
  Gauge,
  Layers,
  type LucideIcon,
  Users,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Skeleton, Tooltip } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatLatency, formatNumber, formatPercent, formatTokens } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { type DashboardStats, TOP_USERS_LIMIT } from './api';
import { change } from './periods';

interface KpiProps {
  icon: LucideIcon;
  label: string;
  value: ReactNode;
  /** Smaller text under the value. */
  detail?: ReactNode;
  /** Relative change vs the previous period, or (for rates) the change in points. */
  delta?: { value: number | null; text: string; goodWhenUp: boolean } | null;
  loading?: boolean;
  testId: string;
}

function Kpi({ icon: Icon, label, value, detail, delta, loading, testId }: KpiProps) {
  const { t } = useTranslation('admin');
  const up = delta?.value !== null && delta?.value !== undefined && delta.value > 0;
  const down = delta?.value !== null && delta?.value !== undefined && delta.value < 0;
  const good = delta ? (up && delta.goodWhenUp) || (down && !delta.goodWhenUp) : false;
  return (
    <Card className="flex flex-col gap-3 p-4 sm:p-5" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-muted-foreground">{label}</p>
        <span className="flex size-7 items-center justify-center rounded-lg bg-muted text-muted-foreground">
          <Icon className="size-4" aria-hidden />
        </span>
      </div>
      {loading ? (
        <div className="space-y-2">
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-3.5 w-32" />
        </div>
      ) : (
        <div className="space-y-1">
          <p className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={`${testId}-value`}>
            {value}
          </p>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
            {delta && (
              <Tooltip content={t('kpi.vsPrevious')}>
                <span
                  className={cn(
                    'inline-flex items-center gap-0.5 font-medium tabular-nums',
                    up || down ? (good ? 'text-success' : 'text-destructive') : 'text-muted-foreground',
                  )}
                >
                  {up && <ArrowUpRight className="size-3.5" aria-hidden />}
                  {down && <ArrowDownRight className="size-3.5" aria-hidden />}
                  {delta.text}
                </span>
              </Tooltip>
            )}
            {detail && <span className="truncate">{detail}</span>}
          </div>
        </div>
      )}
    </Card>
  );
}

function relativeDelta(
  current: number,
  previous: number | undefined,
  goodWhenUp: boolean,
  t: (key: 'kpi.new' | 'kpi.flat') => string,
) {
  if (previous === undefined) return null;
  const ratio = change(current, previous);
  if (ratio === null)
    return { value: current > 0 ? 1 : 0, text: current > 0 ? t('kpi.new') : t('kpi.flat'), goodWhenUp };
  const sign = ratio > 0 ? '+' : '';
  return { value: ratio, text: `${sign}${formatPercent(ratio)}`, goodWhenUp };
}

export interface KpiCardsProps {
  current: DashboardStats | undefined;
  previous: DashboardStats | undefined;
  loading: boolean;
  userCount: number | undefined;
}

/** Requests, error rate, latency, revenue, active users and tokens, each against the previous period. */
export function KpiCards({ current, previous, loading, userCount }: KpiCardsProps) {
  const { t } = useTranslation('admin');
  const totals = current?.totals;
  const prev = previous?.totals;
  const tokens = totals ? totals.promptTokens + totals.completionTokens : 0;
  const prevTokens = prev ? prev.promptTokens + prev.completionTokens : undefined;
  const activeUsers = current?.topUsers.length ?? 0;
  const activeText = activeUsers >= TOP_USERS_LIMIT ? `${formatNumber(TOP_USERS_LIMIT)}+` : formatNumber(activeUsers);
  const errorPoints = current && previous ? current.errorRate - previous.errorRate : null;

  return (
    <div className="grid grid-cols-1 gap-3 min-[400px]:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
      <Kpi
        testId="kpi-requests"
        icon={Activity}
        label={t('kpi.requests')}
        value={formatNumber(totals?.requests ?? 0)}
        delta={totals ? relativeDelta(totals.requests, prev?.requests, true, t) : null}
        loading={loading}
      />
      <Kpi
        testId="kpi-error-rate"
        icon={AlertTriangle}
        label={t('kpi.errorRate')}
        value={formatPercent(current?.errorRate ?? 0, 2)}
        detail={t('kpi.errors', { count: totals?.errors ?? 0, formatted: formatNumber(totals?.errors ?? 0) })}
        delta={
          errorPoints === null
            ? null
            : {
                value: Math.abs(errorPoints) < 0.0005 ? 0 : errorPoints,
                text: t('kpi.points', { value: `${errorPoints > 0 ? '+' : ''}${(errorPoints * 100).toFixed(1)}` }),
                goodWhenUp: false,
              }
        }
        loading={loading}
      />
      <Kpi
        testId="kpi-latency"
        icon={Gauge}
        label={t('kpi.latency')}
        value={formatLatency(current?.latency.p50 ?? null)}
        detail={t('kpi.p95', { value: formatLatency(current?.latency.p95 ?? null) })}
        delta={
          current?.latency.p50 != null && previous?.latency.p50 != null
            ? relativeDelta(current.latency.p50, previous.latency.p50, false, t)
            : null
        }
        loading={loading}
      />
      <Kpi
        testId="kpi-revenue"
        icon={CircleDollarSign}
        label={t('kpi.revenue')}
        value={formatMoney(totals?.cost ?? 0)}
        detail={t('kpi.revenueDetail')}
        delta={totals ? relativeDelta(totals.cost, prev?.cost, true, t) : null}
        loading={loading}
      />
      <Kpi
        testId="kpi-users"
        icon={Users}
        label={t('kpi.activeUsers')}
        value={activeText}
        detail={
          userCount !== undefined
            ? t('kpi.ofUsers', { count: userCount, formatted: formatNumber(userCount) })
            : undefined
        }
        delta={current && previous ? relativeDelta(activeUsers, previous.topUsers.length, true, t) : null}
        loading={loading}
      />
      <Kpi
        testId="kpi-tokens"
        icon={Layers}
        label={t('kpi.tokens')}
        value={formatTokens(tokens)}
        detail={
          totals
            ? t('kpi.tokensDetail', {
                input: formatTokens(totals.promptTokens),
                output: formatTokens(totals.completionTokens),
              })
            : undefined
        }
        delta={totals ? relativeDelta(tokens, prevTokens, true, t) : null}
        loading={loading}
      />
    </div>
  );
}
