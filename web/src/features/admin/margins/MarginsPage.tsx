import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert, RotateCw, TrendingUp } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MoneyText } from '../../../components/MoneyText';
import { PageHeader } from '../../../components/PageHeader';
import {
  Alert,
  Button,
  Card,
  CardHeader,
  SegmentedControl,
  Table,
  type TableColumn,
  Tooltip,
} from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { RangePicker } from '../../usage/RangePicker';
import { rangeFromSearch, rangeToSearch, rangeWindow, type UsageRange } from '../../usage/usage-range';
import { MARGIN_GROUPINGS, type MarginFigures, type MarginGrouping, type MarginRow, useMargins } from './api';

/** A table row: a model's or channel's figures, or the totals (drawn by the same columns). */
type MarginTableRow = MarginRow & { total?: boolean };

function groupingOf(search: URLSearchParams): MarginGrouping {
  return search.get('by') === 'channel' ? 'channel' : 'model';
}

/** `12.34%`, `-5%`: the server's margin percent (two decimals), or a dash without revenue. */
function percentText(value: number | null, locale: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%`;
}

/**
 * /admin/margins: what users paid against what the requests cost the operator upstream (at the
 * channels' cost), per model or per channel, with the hedging overhead; requests whose upstream
 * cost is unknown are counted and called out, since their margin is overstated.
 */
export function MarginsPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const range = rangeFromSearch(search);
  const rangeKey = range.kind === 'custom' ? `${range.fromDay}/${range.toDay}` : range.preset;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rangeKey stands for range.
  const window = useMemo(() => rangeWindow(range), [rangeKey]);
  const by = groupingOf(search);
  const report = useMargins({ from: window.from, to: window.to, by });
  const data = report.data?.by === by ? report.data : undefined;

  const setRange = (next: UsageRange) => setSearch(rangeToSearch(next, search), { replace: true });
  const setBy = (next: MarginGrouping) => {
    const query = new URLSearchParams(search);
    if (next === 'model') query.delete('by');
    else query.set('by', next);
    setSearch(query, { replace: true });
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'margins'] });
  const refreshing = report.isFetching && !report.isPending;

  const totals = data?.totals;
  const columns = marginColumns(by, t, i18n.language);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('margins.title')}
        description={t('margins.description')}
        actions={
          <div className="flex w-full flex-col gap-2 sm:w-auto sm:whitespace-nowrap sm:flex-row sm:items-start">
            <RangePicker range={range} window={window} onChange={setRange} />
            <Button
              variant="outline"
              size="icon"
              onClick={refresh}
              aria-label={t('margins.refresh')}
              title={t('margins.refresh')}
              className="hidden sm:inline-flex"
            >
              <RotateCw className={refreshing ? 'animate-spin' : undefined} />
            </Button>
          </div>
        }
      />

      {totals && totals.unknownCostRequests > 0 && (
        <div data-testid="margins-unknown-cost">
          <Alert variant="warning" title={t('margins.unknown.title')}>
            {t('margins.unknown.text', {
              count: totals.unknownCostRequests,
              requests: formatNumber(totals.unknownCostRequests),
              revenue: formatMoney(totals.unknownCostRevenue),
            })}{' '}
            <Link to="/admin/channels" className="font-medium underline underline-offset-2">
              {t('margins.unknown.action')}
            </Link>
          </Alert>
        </div>
      )}

      <MarginSummary totals={totals} language={i18n.language} />

      <Card>
        <CardHeader
          title={by === 'model' ? t('margins.byModelTitle') : t('margins.byChannelTitle')}
          description={t('margins.tableDescription')}
          actions={
            <SegmentedControl<MarginGrouping>
              size="sm"
              label={t('margins.groupBy')}
              value={by}
              onChange={setBy}
              options={MARGIN_GROUPINGS.map((value) => ({ value, label: t(`margins.by.${value}`) }))}
            />
          }
        />
        <div className="mt-3 border-t border-border">
          <Table<MarginTableRow>
            label={t('margins.tableLabel')}
            columns={columns}
            rows={data?.data}
            rowKey={(row) => row.key ?? '\u0000none'}
            footRow={totals ? { ...totals, key: null, total: true } : undefined}
            loading={!data && report.isPending}
            error={report.error && !data ? report.error : undefined}
            onRetry={() => void report.refetch()}
            skeletonRows={3}
            empty={{ icon: TrendingUp, title: t('margins.empty.title'), description: t('margins.empty.text') }}
          />
        </div>
      </Card>
      <p className="text-center text-xs text-muted-foreground">{t('margins.footnote')}</p>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation<['admin', 'common']>>['t'];

function marginColumns(by: MarginGrouping, t: Translate, language: string): TableColumn<MarginTableRow>[] {
  return [
    {
      key: 'key',
      header: by === 'model' ? t('margins.columns.model') : t('margins.columns.channel'),
      cell: (row) =>
        row.total ? (
          <span>{t('margins.total')}</span>
        ) : row.key === null ? (
          <Tooltip content={<span className="block w-56 whitespace-normal">{t('margins.noChannelHint')}</span>}>
            <span className="text-muted-foreground">{t('margins.noChannel')}</span>
          </Tooltip>
        ) : (
          <span className={cn('block max-w-[16rem] truncate', by === 'model' && 'font-mono text-xs font-medium')}>
            {row.key}
          </span>
        ),
    },
    {
      key: 'requests',
      header: t('margins.columns.requests'),
      align: 'right',
      className: 'hidden tabular-nums sm:table-cell',
      cell: (row) => formatNumber(row.requests),
    },
    {
      key: 'revenue',
      header: t('margins.columns.revenue'),
      align: 'right',
      cell: (row) => (
        <span
          title={t('margins.revenueSplit', { charged: formatMoney(row.charged), plan: formatMoney(row.planDrawn) })}
          data-testid="margin-revenue"
        >
          <MoneyText units={row.revenue} />
        </span>
      ),
    },
    {
      key: 'upstreamCost',
      header: t('margins.columns.upstreamCost'),
      align: 'right',
      // Phones show revenue and margin; the summary above has the cost and the margin percent.
      className: 'hidden sm:table-cell',
      cell: (row) => (
        <span className="inline-flex items-center justify-end gap-1.5" data-testid="margin-upstream-cost">
          {row.unknownCostRequests > 0 && (
            <Tooltip
              content={
                <span className="block w-56 whitespace-normal">
                  {t('margins.unknownRow', {
                    count: row.unknownCostRequests,
                    requests: formatNumber(row.unknownCostRequests),
                    revenue: formatMoney(row.unknownCostRevenue),
                  })}
                </span>
              }
            >
              <CircleAlert
                className="size-3.5 text-warning"
                aria-label={t('margins.unknownShort', { count: row.unknownCostRequests })}
              />
            </Tooltip>
          )}
          <MoneyText units={row.upstreamCost} />
        </span>
      ),
    },
    {
      key: 'hedgeOverhead',
      header: (
        <Tooltip content={<span className="block w-56 whitespace-normal">{t('margins.hedgeHint')}</span>}>
          <span className="underline decoration-border decoration-dotted underline-offset-4">
            {t('margins.columns.hedgeOverhead')}
          </span>
        </Tooltip>
      ),
      align: 'right',
      className: 'hidden md:table-cell',
      cell: (row) =>
        row.hedgeOverhead > 0 ? (
          <MoneyText units={row.hedgeOverhead} />
        ) : (
          <span className="text-muted-foreground tabular-nums">{formatMoney(0)}</span>
        ),
    },
    {
      key: 'margin',
      header: t('margins.columns.margin'),
      align: 'right',
      cell: (row) => (
        <span data-testid="margin-margin">
          <MoneyText units={row.margin} className={row.margin < 0 ? 'text-destructive' : undefined} />
        </span>
      ),
    },
    {
      key: 'marginPercent',
      header: t('margins.columns.marginPercent'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cell: (row) => (
        <span
          className={cn(
            'tabular-nums',
            row.marginPercent !== null && row.marginPercent < 0 ? 'text-destructive' : undefined,
          )}
          data-testid="margin-percent"
        >
          {percentText(row.marginPercent, language)}
        </span>
      ),
    },
  ];
}

/** Revenue, upstream cost, hedging overhead and margin over the window, across the top. */
function MarginSummary({ totals, language }: { totals: MarginFigures | undefined; language: string }) {
  const { t } = useTranslation('admin');
  const items = [
    { key: 'revenue', label: t('margins.columns.revenue'), units: totals?.revenue },
    { key: 'upstreamCost', label: t('margins.columns.upstreamCost'), units: totals?.upstreamCost },
    { key: 'hedgeOverhead', label: t('margins.columns.hedgeOverhead'), units: totals?.hedgeOverhead },
    { key: 'margin', label: t('margins.columns.margin'), units: totals?.margin },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((item) => (
        <div
          key={item.key}
          className="rounded-xl border border-border bg-card px-4 py-3 shadow-soft"
          data-testid={`margins-summary-${item.key}`}
        >
          <dt className="text-xs font-medium text-muted-foreground">{item.label}</dt>
          <dd className="mt-1 flex flex-wrap items-baseline gap-x-2 text-xl font-semibold tabular-nums">
            {item.units === undefined ? (
              <span className="text-muted-foreground">—</span>
            ) : (
              <MoneyText
                units={item.units}
                className={item.key === 'margin' && item.units < 0 ? 'text-destructive' : undefined}
              />
            )}
            {item.key === 'margin' && totals && totals.marginPercent !== null && (
              <span className="text-sm font-normal text-muted-foreground">
                {percentText(totals.marginPercent, language)}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
