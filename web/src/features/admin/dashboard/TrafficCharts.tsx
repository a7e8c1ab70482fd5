import { BarChart3, Coins } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartTheme } from '../../../components/charts';
import { Card, CardContent, CardHeader, ErrorState } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import type { DailyUsageResponse } from './api';

interface DaySeries {
  labels: string[];
  /** Axis labels in the current language. */
  axis: string[];
  requests: number[];
  errors: number[];
  cost: number[];
  /** Cost per day of the top models (by cost in the window), the rest summed as "other". */
  models: { name: string; values: number[] }[];
  other: number[];
}

const TOP_MODELS_IN_CHART = 5;

/** Axis labels for money: two significant digits (`$0.00005`, `$1.2`, `$3.4K`). */
function axisMoney(units: number): string {
  if (units === 0) return '$0';
  const dollars = units / 1_000_000;
  const text = new Intl.NumberFormat('en-US', {
    maximumSignificantDigits: 2,
    notation: dollars >= 1000 ? 'compact' : 'standard',
  }).format(dollars);
  return `$${text}`;
}

function buildSeries(response: DailyUsageResponse | undefined, labels: string[]): DaySeries {
  const index = new Map(labels.map((label, position) => [label, position]));
  const zeros = () => labels.map(() => 0);
  const requests = zeros();
  const errors = zeros();
  const cost = zeros();
  const costByModel = new Map<string, number>();
  for (const row of response?.data ?? []) {
    const position = index.get(row.day);
    if (position === undefined) continue;
    requests[position] = (requests[position] ?? 0) + row.requests;
    errors[position] = (errors[position] ?? 0) + row.errors;
    cost[position] = (cost[position] ?? 0) + row.cost;
    costByModel.set(row.model, (costByModel.get(row.model) ?? 0) + row.cost);
  }
  const top = [...costByModel.entries()]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_MODELS_IN_CHART)
    .map(([name]) => name);
  const models = top.map((name) => ({ name, values: zeros() }));
  const other = zeros();
  for (const row of response?.data ?? []) {
    const position = index.get(row.day);
    if (position === undefined) continue;
    const series = models.find((item) => item.name === row.model);
    if (series) series.values[position] = (series.values[position] ?? 0) + row.cost;
    else other[position] = (other[position] ?? 0) + row.cost;
  }
  const format = new Intl.DateTimeFormat(currentLanguage() === 'zh' ? 'zh-CN' : 'en-US', {
    month: 'short',
    day: 'numeric',
  });
  const axis = labels.map((label) => format.format(new Date(`${label}T12:00:00`)));
  return { labels, axis, requests, errors, cost, models, other };
}

export interface TrafficChartsProps {
  response: DailyUsageResponse | undefined;
  labels: string[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

/** Requests and errors per day, and revenue per day by model. */
export function TrafficCharts({ response, labels, loading, error, onRetry }: TrafficChartsProps) {
  const { t } = useTranslation('admin');
  const series = useMemo(() => buildSeries(response, labels), [response, labels]);
  const totalRequests = series.requests.reduce((sum, value) => sum + value, 0);
  const totalErrors = series.errors.reduce((sum, value) => sum + value, 0);
  const totalCost = series.cost.reduce((sum, value) => sum + value, 0);
  const otherLabel = t('charts.otherModels');
  const successLabel = t('charts.successful');
  const errorsLabel = t('charts.errors');

  const requestsOption = useCallback(
    (theme: ChartTheme) => ({
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: number) => formatNumber(value),
      },
      xAxis: { type: 'category', data: series.axis },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: successLabel,
          type: 'bar',
          stack: 'requests',
          data: series.requests.map((value, index) => value - (series.errors[index] ?? 0)),
          itemStyle: { color: theme.primary },
          barMaxWidth: 28,
        },
        {
          name: errorsLabel,
          type: 'bar',
          stack: 'requests',
          data: series.errors,
          itemStyle: { color: theme.destructive, borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
        },
      ],
    }),
    [series, successLabel, errorsLabel],
  );

  const costOption = useCallback(
    (theme: ChartTheme) => ({
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, type: 'scroll', icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: number) => formatMoney(value),
      },
      xAxis: { type: 'category', data: series.axis },
      yAxis: { type: 'value', axisLabel: { formatter: axisMoney } },
      series: [
        ...series.models.map((model, index) => ({
          name: model.name,
          type: 'bar',
          stack: 'cost',
          data: model.values,
          itemStyle: { color: theme.palette[index % theme.palette.length] },
          barMaxWidth: 28,
        })),
        ...(series.other.some((value) => value > 0)
          ? [
              {
                name: otherLabel,
                type: 'bar',
                stack: 'cost',
                data: series.other,
                itemStyle: { color: theme.neutral },
                barMaxWidth: 28,
              },
            ]
          : []),
      ],
    }),
    [series, otherLabel],
  );

  if (error && !response) {
    return (
      <Card>
        <ErrorState error={error} onRetry={onRetry} />
      </Card>
    );
  }

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader
          title={t('charts.requestsTitle')}
          description={t('charts.lastDays', { count: labels.length })}
          actions={
            <span className="text-right text-sm tabular-nums">
              <span className="font-semibold">{formatNumber(totalRequests)}</span>
              <span className="block text-xs text-muted-foreground">
                {t('charts.errorsTotal', { count: totalErrors, formatted: formatNumber(totalErrors) })}
              </span>
            </span>
          }
        />
        <CardContent className="pt-3">
          <Chart
            option={requestsOption}
            label={t('charts.requestsTitle')}
            description={t('charts.requestsSummary', {
              days: labels.length,
              requests: formatNumber(totalRequests),
              errors: formatNumber(totalErrors),
            })}
            loading={loading && !response}
            empty={totalRequests === 0}
            emptyIcon={BarChart3}
            emptyText={t('charts.noTraffic')}
            height={240}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader
          title={t('charts.revenueTitle')}
          description={t('charts.lastDays', { count: labels.length })}
          actions={<span className="text-sm font-semibold tabular-nums">{formatMoney(totalCost)}</span>}
        />
        <CardContent className="pt-3">
          <Chart
            option={costOption}
            label={t('charts.revenueTitle')}
            description={t('charts.revenueSummary', { days: labels.length, amount: formatMoney(totalCost) })}
            loading={loading && !response}
            empty={totalCost === 0}
            emptyIcon={Coins}
            emptyText={t('charts.noRevenue')}
            height={240}
          />
        </CardContent>
      </Card>
    </div>
  );
}
