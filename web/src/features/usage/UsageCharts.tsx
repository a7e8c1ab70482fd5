import { type ComponentProps, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption, type ChartTheme, withAlpha } from '../../components/charts';
import { Card, CardContent, CardHeader } from '../../components/ui';
import { formatNumber, formatTokens } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { axisTooltip, formatMoneyAxis } from './chart-format';
import type { DailyUsageRow } from './types';
import { formatDayLabel } from './usage-range';
import { OTHER_MODELS, perDay, spendByModel } from './usage-series';

const GRID = { left: 4, right: 12, top: 44, bottom: 4, containLabel: true };
const LEGEND = { top: 0, left: 0, type: 'scroll', icon: 'roundRect', itemWidth: 10, itemHeight: 10, itemGap: 14 };
/** Models shown by name in the spend chart; the rest are "Other". */
const TOP_MODELS = 6;

export interface UsageChartsProps {
  rows: DailyUsageRow[] | undefined;
  days: string[];
  loading: boolean;
}

/** Spend per day (stacked by model), tokens per day (input vs output), requests per day (with errors). */
export function UsageCharts({ rows, days, loading }: UsageChartsProps) {
  const { t, i18n } = useTranslation('usage');
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';
  const labels = useMemo(() => days.map((day) => formatDayLabel(day, locale)), [days, locale]);
  const longLabels = useMemo(
    () =>
      days.map((day) => {
        const [year, month, date] = day.split('-').map(Number);
        return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(year, month - 1, date));
      }),
    [days, locale],
  );
  const data = useMemo(() => rows ?? [], [rows]);
  const empty = !loading && data.length === 0;

  const spend = useMemo(() => spendByModel(data, days, TOP_MODELS), [data, days]);
  const input = useMemo(() => perDay(data, days, (row) => row.promptTokens), [data, days]);
  const output = useMemo(() => perDay(data, days, (row) => row.completionTokens), [data, days]);
  const requests = useMemo(() => perDay(data, days, (row) => row.requests), [data, days]);
  const errors = useMemo(() => perDay(data, days, (row) => row.errors), [data, days]);

  const otherLabel = t('charts.otherModels');
  const spendOption = useMemo(
    () =>
      (theme: ChartTheme): ChartOption => ({
        grid: GRID,
        legend: { ...LEGEND },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: axisTooltip((value) => formatMoney(value), {
            totalLabel: t('charts.total'),
            title: (index) => longLabels[index] ?? '',
            hideZero: true,
          }),
        },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatMoneyAxis(value) } },
        series: spend.map((series, index) => ({
          name: series.name === OTHER_MODELS ? otherLabel : series.name,
          type: 'bar',
          stack: 'spend',
          data: series.values,
          barMaxWidth: 32,
          itemStyle: {
            color: series.name === OTHER_MODELS ? theme.neutral : theme.palette[index % theme.palette.length],
            borderRadius: index === spend.length - 1 ? [3, 3, 0, 0] : 0,
          },
          emphasis: { focus: 'series' },
        })),
      }),
    [spend, labels, longLabels, otherLabel, t],
  );

  const tokensOption = useMemo(
    () =>
      (theme: ChartTheme): ChartOption => ({
        grid: GRID,
        legend: { ...LEGEND },
        tooltip: {
          trigger: 'axis',
          formatter: axisTooltip((value) => formatNumber(value), {
            totalLabel: t('charts.total'),
            title: (index) => longLabels[index] ?? '',
          }),
        },
        xAxis: { type: 'category', data: labels, boundaryGap: false },
        yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatTokens(value) } },
        series: [
          {
            name: t('charts.input'),
            type: 'line',
            data: input,
            showSymbol: false,
            itemStyle: { color: theme.primary },
            lineStyle: { color: theme.primary },
            areaStyle: { color: withAlpha(theme.primary, 0.12) },
          },
          {
            name: t('charts.output'),
            type: 'line',
            data: output,
            showSymbol: false,
            itemStyle: { color: theme.palette[1] },
            lineStyle: { color: theme.palette[1] },
            areaStyle: { color: withAlpha(theme.palette[1], 0.12) },
          },
        ],
      }),
    [input, output, labels, longLabels, t],
  );

  const requestsOption = useMemo(
    () =>
      (theme: ChartTheme): ChartOption => ({
        grid: GRID,
        legend: { ...LEGEND },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: axisTooltip((value) => formatNumber(value), {
            totalLabel: t('charts.total'),
            title: (index) => longLabels[index] ?? '',
          }),
        },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('charts.succeeded'),
            type: 'bar',
            stack: 'requests',
            data: requests.map((count, index) => count - (errors[index] ?? 0)),
            barMaxWidth: 24,
            itemStyle: { color: theme.palette[2] },
          },
          {
            name: t('charts.failed'),
            type: 'bar',
            stack: 'requests',
            data: errors,
            barMaxWidth: 24,
            itemStyle: { color: theme.destructive, borderRadius: [3, 3, 0, 0] },
          },
        ],
      }),
    [requests, errors, labels, longLabels, t],
  );

  const totalCost = spend.reduce((sum, series) => sum + series.values.reduce((a, b) => a + b, 0), 0);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const noData = t('charts.noData');

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        className="lg:col-span-2"
        title={t('charts.spend')}
        hint={t('charts.spendHint')}
        summary={t('charts.spendSummary', {
          amount: formatMoney(totalCost),
          days: days.length,
          models: spend.map((series) => (series.name === OTHER_MODELS ? otherLabel : series.name)).join(', '),
        })}
        option={spendOption}
        loading={loading}
        empty={empty || totalCost === 0}
        emptyText={empty ? noData : t('charts.noSpend')}
        height={280}
      />
      <ChartCard
        title={t('charts.tokens')}
        hint={t('charts.tokensHint')}
        summary={t('charts.tokensSummary', { input: formatNumber(sum(input)), output: formatNumber(sum(output)) })}
        option={tokensOption}
        loading={loading}
        empty={empty}
        emptyText={noData}
      />
      <ChartCard
        title={t('charts.requests')}
        hint={t('charts.requestsHint')}
        summary={t('charts.requestsSummary', {
          requests: formatNumber(sum(requests)),
          errors: formatNumber(sum(errors)),
        })}
        option={requestsOption}
        loading={loading}
        empty={empty}
        emptyText={noData}
      />
    </div>
  );
}

/** One chart in its card: the title is also the chart's accessible name, the summary its description. */
function ChartCard({
  title,
  hint,
  summary,
  className,
  height = 240,
  ...chart
}: {
  title: string;
  hint: string;
  summary: string;
  className?: string;
  height?: number;
  option: ComponentProps<typeof Chart>['option'];
  loading: boolean;
  empty: boolean;
  emptyText: string;
}) {
  return (
    <Card className={className}>
      <CardHeader title={title} description={hint} />
      <CardContent className="pt-3">
        <Chart label={title} description={summary} height={height} {...chart} />
      </CardContent>
    </Card>
  );
}
