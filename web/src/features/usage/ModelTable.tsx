import { ArrowUpRight } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../components/MoneyText';
import { Card, CardHeader, Table, type TableColumn } from '../../components/ui';
import { formatNumber, formatPercent, formatTokens } from '../../lib/format';
import { tokenSplit } from './token-split';
import type { ModelUsage } from './types';
import { shares } from './usage-series';

/**
 * Requests, tokens (prompt cache reads and writes by lifetime included), spend and share of spend
 * per model; a model links to its logs.
 */
export function ModelTable({
  models,
  loading,
  error,
  onRetry,
  logsQuery,
}: {
  models: ModelUsage[] | undefined;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Extra filters for the logs link (`user=...`). */
  logsQuery?: URLSearchParams;
}) {
  const { t } = useTranslation('usage');
  const rows = useMemo(
    () =>
      [...(models ?? [])].sort((a, b) => b.cost - a.cost || b.requests - a.requests || a.model.localeCompare(b.model)),
    [models],
  );
  const share = useMemo(() => shares(rows), [rows]);

  // One column for the three cache figures: as three columns the table no longer fit a 1280-pixel
  // screen and the share column scrolled out of view. Shown from xl up; the summary card has the
  // split on any screen.
  const cacheFigure = (key: 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h', tokens: number) => (
    <span title={`${t(`models.${key}`)}: ${formatNumber(tokens)}`} data-testid={`model-${key}`}>
      {formatTokens(tokens)}
    </span>
  );
  const cacheColumn: TableColumn<ModelUsage> = {
    key: 'cache',
    header: (
      <span className="inline-flex flex-col items-end leading-4">
        <span>{t('models.cache')}</span> <span className="font-normal">{t('models.cacheParts')}</span>
      </span>
    ),
    align: 'right',
    className: 'hidden xl:table-cell',
    cell: (row) => {
      const split = tokenSplit(row);
      return (
        <span className="whitespace-nowrap tabular-nums">
          {cacheFigure('cacheRead', split.cacheRead)}
          {' · '}
          {cacheFigure('cacheWrite5m', split.cacheWrite5m)}
          {' · '}
          {cacheFigure('cacheWrite1h', split.cacheWrite1h)}
        </span>
      );
    },
  };

  const logsLink = (model: string) => {
    const query = new URLSearchParams(logsQuery);
    query.set('model', model);
    // The report counts generations only (token counts are left out), so its log link does too.
    query.set('endpoint', 'generate');
    return `/logs?${query.toString()}`;
  };

  const columns: TableColumn<ModelUsage>[] = [
    {
      key: 'model',
      header: t('models.model'),
      cell: (row) => (
        <Link
          to={logsLink(row.model)}
          className="group inline-flex max-w-[16rem] items-center gap-1 font-mono text-xs font-medium text-foreground hover:text-primary"
          title={t('models.viewLogs', { model: row.model })}
        >
          <span className="truncate">{row.model}</span>
          <ArrowUpRight
            className="size-3.5 shrink-0 opacity-0 transition-opacity group-hover:opacity-100"
            aria-hidden
          />
        </Link>
      ),
    },
    {
      key: 'requests',
      header: t('models.requests'),
      align: 'right',
      cell: (row) => (
        <span className="whitespace-nowrap tabular-nums" data-testid="model-requests">
          {formatNumber(row.requests)}
          {row.errors > 0 && (
            <span className="ml-1.5 text-xs text-destructive">{t('models.errors', { count: row.errors })}</span>
          )}
        </span>
      ),
    },
    {
      key: 'input',
      header: t('models.inputTokens'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cell: (row) => (
        <span className="tabular-nums" title={formatNumber(row.promptTokens)}>
          {formatTokens(row.promptTokens)}
        </span>
      ),
    },
    {
      key: 'output',
      header: t('models.outputTokens'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cell: (row) => (
        <span className="tabular-nums" title={formatNumber(row.completionTokens)}>
          {formatTokens(row.completionTokens)}
        </span>
      ),
    },
    cacheColumn,
    {
      key: 'spend',
      header: t('models.spend'),
      align: 'right',
      cell: (row) => <MoneyText units={row.cost} />,
    },
    {
      key: 'share',
      header: t('models.share'),
      align: 'right',
      className: 'w-40',
      cell: (row) => {
        const value = share.get(row.model) ?? 0;
        return (
          <div className="flex items-center justify-end gap-2">
            <div className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-muted md:block" aria-hidden>
              <div
                className="h-full rounded-full bg-primary"
                style={{ width: value > 0 ? `${Math.max(value * 100, 2)}%` : 0 }}
              />
            </div>
            <span className="w-12 text-right text-xs tabular-nums text-muted-foreground">{formatPercent(value)}</span>
          </div>
        );
      },
    },
  ];

  return (
    <Card>
      <CardHeader title={t('models.title')} description={t('models.description')} />
      <div className="mt-3 border-t border-border">
        <Table
          label={t('models.title')}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.model}
          loading={loading && !models}
          skeletonRows={3}
          error={error}
          onRetry={onRetry}
          empty={{ title: t('models.empty') }}
        />
      </div>
    </Card>
  );
}
