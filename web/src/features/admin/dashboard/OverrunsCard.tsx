import { AlertTriangle } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../../components/MoneyText';
import { Card, CardContent, CardHeader, Table, type TableColumn } from '../../../components/ui';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { OVERRUNS_LIMIT, type Overrun, useUserLabels } from './api';

/** How many of the newest overruns the card lists. */
const RECENT = 5;

function Figure({ label, value, detail, testId }: { label: string; value: ReactNode; detail: string; testId: string }) {
  return (
    <div className="rounded-lg border border-border px-4 py-3">
      <p className="text-sm font-medium text-muted-foreground">{label}</p>
      <p className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>
        {value}
      </p>
      <p className="truncate text-xs text-muted-foreground">{detail}</p>
    </div>
  );
}

export interface OverrunsCardProps {
  /** The period's overruns, newest first (GET /api/admin/billing/overruns); nothing shows while undefined or empty. */
  overruns: Overrun[] | undefined;
  /** The period in words (`24 hours`), for the count's caption. */
  periodLabel: string;
}

/**
 * The operators' alert for requests a vendor billed beyond the hold AIHub took for them: how many
 * in the period, what was not collected, and the newest few with a link to each in the log. Shows
 * only when there is at least one.
 */
export function OverrunsCard({ overruns, periodLabel }: OverrunsCardProps) {
  const { t } = useTranslation('admin');
  const recent = overruns?.slice(0, RECENT) ?? [];
  const labels = useUserLabels([...new Set(recent.map((row) => row.userId))]);
  if (!overruns || overruns.length === 0) return null;

  const capped = overruns.length >= OVERRUNS_LIMIT;
  const uncollected = overruns.reduce((sum, row) => sum + row.uncollected, 0);
  const columns: TableColumn<Overrun>[] = [
    {
      key: 'time',
      header: t('overruns.time'),
      className: 'whitespace-nowrap',
      cell: (row) => (
        <span title={formatRelative(row.createdAt)} className="text-muted-foreground tabular-nums">
          {formatDateTime(row.createdAt)}
        </span>
      ),
    },
    {
      key: 'user',
      header: t('overruns.user'),
      className: 'max-w-48',
      cell: (row) => {
        const user = labels.get(row.userId);
        return (
          <p className="truncate text-sm" title={user?.email ?? row.userId}>
            {user ? (user.displayName ?? user.email) : <span className="font-mono text-xs">{row.userId}</span>}
          </p>
        );
      },
    },
    { key: 'held', header: t('overruns.held'), align: 'right', cell: (row) => <MoneyText units={row.held} /> },
    { key: 'cost', header: t('overruns.cost'), align: 'right', cell: (row) => <MoneyText units={row.cost} /> },
    { key: 'charged', header: t('overruns.charged'), align: 'right', cell: (row) => <MoneyText units={row.charged} /> },
    {
      key: 'uncollected',
      header: t('overruns.uncollected'),
      align: 'right',
      cell: (row) => (
        <MoneyText units={row.uncollected} className={row.uncollected > 0 ? 'text-destructive' : undefined} />
      ),
    },
    {
      key: 'request',
      header: t('overruns.request'),
      className: 'max-w-40',
      cell: (row) => (
        <Link
          to={`/logs/${encodeURIComponent(row.requestId)}`}
          className="block truncate font-mono text-xs text-primary underline-offset-4 hover:underline"
          title={t('overruns.openRequest')}
        >
          {row.requestId}
        </Link>
      ),
    },
  ];

  return (
    <Card className="border-warning/40" role="region" aria-label={t('overruns.title')} data-testid="overruns-card">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            <span className="flex size-7 shrink-0 items-center justify-center rounded-lg bg-warning-soft text-warning">
              <AlertTriangle className="size-4" aria-hidden />
            </span>
            {t('overruns.title')}
          </span>
        }
        description={<span className="block max-w-3xl">{t('overruns.description')}</span>}
      />
      <CardContent className="grid gap-3 pb-2 sm:grid-cols-2">
        <Figure
          testId="overruns-count"
          label={t('overruns.count')}
          value={capped ? `${formatNumber(OVERRUNS_LIMIT)}+` : formatNumber(overruns.length)}
          detail={
            capped
              ? t('overruns.capped', { formatted: formatNumber(OVERRUNS_LIMIT) })
              : t('overruns.countDetail', { period: periodLabel })
          }
        />
        <Figure
          testId="overruns-uncollected"
          label={t('overruns.uncollected')}
          value={<MoneyText units={uncollected} className={uncollected > 0 ? 'text-destructive' : undefined} />}
          detail={t('overruns.uncollectedDetail')}
        />
      </CardContent>
      <div className="pt-2 pb-1">
        <p className="px-5 pb-1 text-xs font-medium text-muted-foreground">{t('overruns.recent')}</p>
        <Table columns={columns} rows={recent} rowKey={(row) => row.requestId} label={t('overruns.recent')} />
      </div>
    </Card>
  );
}
