import { Activity, Network } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartTheme } from '../../../components/charts';
import { MoneyText } from '../../../components/MoneyText';
import { Card, CardContent, CardHeader, EmptyState, Select, Table, type TableColumn } from '../../../components/ui';
import { formatLatency, formatNumber, formatPercent } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { useChannels } from '../channels/api';
import type { TimeWindow } from './api';
import { type ChannelTrafficRow, useChannelTraffic, useHourlyTraffic } from './channel-traffic-api';

/** The URL query parameter that keeps the hourly chart's channel (a link shows the same chart). */
const HOURLY_CHANNEL_PARAM = 'hourlyChannel';

/** Requests (successful and failed) and cost per hour over the last 24 hours, of every channel or one. */
export function HourlyTrafficCard() {
  const { t } = useTranslation('admin');
  const [search, updateSearch] = useSearchUpdate();
  const channel = search.get(HOURLY_CHANNEL_PARAM) || undefined;
  const channels = useChannels();
  const channelOptions = useMemo(() => {
    const names = new Set((channels.data ?? []).map((entry) => entry.name));
    // A channel deleted since (a shared link) still shows as chosen.
    if (channel) names.add(channel);
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ value: name, label: name }));
  }, [channels.data, channel]);
  const hourly = useHourlyTraffic(channel);
  const rows = hourly.data?.data ?? [];
  const axis = useMemo(() => {
    const format = new Intl.DateTimeFormat(currentLanguage() === 'zh' ? 'zh-CN' : 'en-US', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return rows.map((row) => format.format(new Date(row.hour)));
  }, [rows]);
  const total = rows.reduce((sum, row) => sum + row.requests, 0);
  const successLabel = t('charts.successful');
  const errorsLabel = t('charts.errors');
  const costLabel = t('channelTraffic.cost');
  const option = useCallback(
    (theme: ChartTheme) => ({
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: axis },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: (units: number) => formatMoney(units) }, splitLine: { show: false } },
      ],
      series: [
        {
          name: successLabel,
          type: 'bar',
          stack: 'requests',
          data: rows.map((row) => row.requests - row.errors),
          itemStyle: { color: theme.primary },
        },
        {
          name: errorsLabel,
          type: 'bar',
          stack: 'requests',
          data: rows.map((row) => row.errors),
          itemStyle: { color: theme.destructive },
        },
        {
          name: costLabel,
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          showSymbol: false,
          data: rows.map((row) => row.cost),
          tooltip: { valueFormatter: (value: number) => formatMoney(value) },
        },
      ],
    }),
    [axis, rows, successLabel, errorsLabel, costLabel],
  );
  return (
    <Card>
      <CardHeader
        title={t('channelTraffic.hourlyTitle')}
        description={t('channelTraffic.hourlyDescription')}
        actions={
          <Select
            aria-label={t('channelTraffic.hourlyChannel')}
            className="w-48"
            placeholder={t('channelTraffic.allChannels')}
            options={channelOptions}
            value={channel ?? ''}
            onChange={(event) => updateSearch({ [HOURLY_CHANNEL_PARAM]: event.target.value })}
          />
        }
      />
      <CardContent className="pt-3">
        <Chart
          option={option}
          label={t('channelTraffic.hourlyTitle')}
          description={
            channel
              ? t('channelTraffic.hourlyChannelSummary', { requests: formatNumber(total), channel })
              : t('channelTraffic.hourlySummary', { requests: formatNumber(total) })
          }
          loading={hourly.isLoading}
          empty={total === 0}
          emptyIcon={Activity}
          emptyText={t('charts.noTraffic')}
          height={220}
        />
      </CardContent>
    </Card>
  );
}

/** Requests, errors, error rate, latency and cost per channel over the dashboard's period. */
export function ChannelTrafficCard({ window }: { window: TimeWindow }) {
  const { t } = useTranslation('admin');
  const traffic = useChannelTraffic(window);
  const columns: TableColumn<ChannelTrafficRow>[] = [
    {
      key: 'channel',
      header: t('channelTraffic.channel'),
      cell: (row) => <span className="font-medium">{row.channel}</span>,
    },
    {
      key: 'requests',
      header: t('channelTraffic.requests'),
      cell: (row) => <span className="tabular-nums">{formatNumber(row.requests)}</span>,
      align: 'right',
    },
    {
      key: 'errors',
      header: t('channelTraffic.errors'),
      cell: (row) => (
        <span className={row.errors > 0 ? 'text-destructive tabular-nums' : 'tabular-nums'}>
          {formatNumber(row.errors)} · {formatPercent(row.errorRate)}
        </span>
      ),
      align: 'right',
    },
    {
      key: 'p50',
      header: t('channelTraffic.p50'),
      cell: (row) => <span className="tabular-nums">{formatLatency(row.p50LatencyMs)}</span>,
      align: 'right',
    },
    {
      key: 'avg',
      header: t('channelTraffic.avg'),
      cell: (row) => <span className="tabular-nums">{formatLatency(row.avgLatencyMs)}</span>,
      align: 'right',
      className: 'hidden sm:table-cell',
    },
    { key: 'cost', header: t('channelTraffic.cost'), cell: (row) => <MoneyText units={row.cost} />, align: 'right' },
  ];
  const rows = traffic.data?.data;
  return (
    <Card>
      <CardHeader title={t('channelTraffic.title')} description={t('channelTraffic.description')} />
      <div className="pt-2 pb-1" data-testid="channel-traffic">
        {rows && rows.length === 0 ? (
          <EmptyState icon={Network} title={t('channelTraffic.empty')} />
        ) : (
          <Table
            columns={columns}
            rows={rows}
            rowKey={(row) => row.channel}
            loading={traffic.isLoading}
            skeletonRows={3}
            label={t('channelTraffic.title')}
          />
        )}
      </div>
    </Card>
  );
}
