import { Gauge, Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Input, SegmentedControl, Table, type TableColumn, Tooltip } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useChannels, useRouteSpeed } from './api';
import { type SpeedOrder, type SpeedTableRow, speedTableRows } from './route-speed';
import { VendorIcon } from './VendorBadge';

const ORDERS: readonly SpeedOrder[] = ['recent', 'latency', 'throughput'];

/** Tokens per second with one decimal below 100 (`42.5`), whole above (`1,234`). */
function formatRate(value: number): string {
  return formatNumber(value < 100 ? Math.round(value * 10) / 10 : Math.round(value));
}

/**
 * Route speed (GET /api/admin/routing/speed): per channel and upstream model, the moving averages
 * of the time to first token and of a stream's tokens per second that `provider.sort:
 * latency|throughput` reads. What this server process measured from the traffic it served.
 */
export function RouteSpeedPanel() {
  const { t } = useTranslation(['channels', 'common']);
  const speed = useRouteSpeed();
  const channels = useChannels();
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<SpeedOrder>('recent');
  const rows = useMemo(
    () => speedTableRows(speed.data ?? [], channels.data ?? [], query, order),
    [speed.data, channels.data, query, order],
  );
  const measured = (speed.data?.length ?? 0) > 0;

  const columns: TableColumn<SpeedTableRow>[] = [
    {
      key: 'channel',
      header: t('speed.columns.channel'),
      className: 'whitespace-nowrap',
      cell: (row) =>
        row.channel ? (
          <span className="flex min-w-0 items-center gap-2">
            <VendorIcon type={row.channel.type} className="size-6 rounded-md text-[10px]" />
            <span className="truncate font-medium">{row.channel.name}</span>
          </span>
        ) : (
          <Tooltip content={t('speed.removedHint')}>
            <span className="text-muted-foreground">
              <span className="font-mono text-xs">{row.channelId}</span> · {t('speed.removed')}
            </span>
          </Tooltip>
        ),
    },
    {
      key: 'model',
      header: t('speed.columns.model'),
      className: 'whitespace-nowrap',
      cell: (row) => <span className="font-mono text-xs">{row.model}</span>,
    },
    {
      key: 'ttft',
      header: t('speed.columns.ttft'),
      align: 'right',
      className: 'tabular-nums',
      cell: (row) => (row.ttftMs === undefined ? '—' : formatNumber(Math.round(row.ttftMs))),
    },
    {
      key: 'ttftP95',
      header: t('speed.columns.ttftP95'),
      align: 'right',
      className: 'tabular-nums',
      cell: (row) =>
        row.ttftP95Ms === undefined ? (
          <Tooltip content={t('speed.noP95Hint')}>
            <span className="text-muted-foreground">—</span>
          </Tooltip>
        ) : (
          formatNumber(Math.round(row.ttftP95Ms))
        ),
    },
    {
      key: 'tps',
      header: t('speed.columns.tps'),
      align: 'right',
      className: 'tabular-nums',
      cell: (row) =>
        row.tokensPerSecond === undefined ? (
          <Tooltip content={t('speed.noTpsHint')}>
            <span className="text-muted-foreground">—</span>
          </Tooltip>
        ) : (
          formatRate(row.tokensPerSecond)
        ),
    },
    {
      key: 'samples',
      header: t('speed.columns.samples'),
      align: 'right',
      className: 'tabular-nums',
      cell: (row) => formatNumber(row.samples),
    },
  ];

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">{t('speed.description')}</p>
      <Card className="overflow-hidden">
        {measured && (
          <div className="flex flex-col gap-3 border-b border-border px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
            <Input
              leading={<Search />}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder={t('speed.search')}
              aria-label={t('speed.search')}
              className="sm:w-72"
            />
            <SegmentedControl
              size="sm"
              label={t('speed.orderLabel')}
              value={order}
              onChange={setOrder}
              options={ORDERS.map((value) => ({ value, label: t(`speed.orders.${value}`) }))}
              className="self-start overflow-x-auto sm:self-auto"
            />
          </div>
        )}
        <Table
          label={t('speed.tableLabel')}
          columns={columns}
          rows={rows}
          rowKey={(row) => `${row.channelId}\u0000${row.model}`}
          loading={speed.isPending}
          error={speed.error}
          onRetry={() => void speed.refetch()}
          empty={
            measured
              ? { icon: Search, title: t('common:states.noResults') }
              : { icon: Gauge, title: t('speed.empty.title'), description: t('speed.empty.text') }
          }
        />
      </Card>
    </div>
  );
}
