import { RefreshCw } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { Alert, Button, SegmentedControl } from '../../components/ui';
import { errorMessage } from '../../lib/errors';
import { useChannels, useRoutingHealth } from './channels/api';
import { useCacheHits, useDailyUsage, useDashboard, useOverruns, useUserCount } from './dashboard/api';
import { CacheHitsCard } from './dashboard/CacheHitsCard';
import { ChannelHealthCard } from './dashboard/ChannelHealthCard';
import { ChannelTrafficCard, HourlyTrafficCard } from './dashboard/ChannelTrafficCard';
import { GettingStarted } from './dashboard/GettingStarted';
import { KpiCards } from './dashboard/KpiCards';
import { OverrunsCard } from './dashboard/OverrunsCard';
import { chartDays, chartWindow, dayLabels, PERIODS, type Period, periodWindows } from './dashboard/periods';
import { TopModelsCard, TopUsersCard } from './dashboard/TopTables';
import { TrafficCharts } from './dashboard/TrafficCharts';

const REFRESH_MS = 60_000;

/** Minute-aligned "now", so query keys stay put between refreshes. */
function minuteNow(): number {
  return Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
}

/**
 * The operator's overview: KPIs against the previous period, traffic and revenue per day, top
 * models and users, prompt-cache hit rates per channel and model, channel health. A fresh install (no channel) gets the three-step guide first;
 * requests a vendor billed beyond their hold in the period (overruns) get a warning card above all.
 */
export function DashboardPage() {
  const { t } = useTranslation(['admin', 'common']);
  const [period, setPeriod] = useState<Period>('24h');
  const [now, setNow] = useState(minuteNow);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(minuteNow()), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  const windows = useMemo(() => periodWindows(period, now), [period, now]);
  const days = chartDays(period);
  const chartRange = useMemo(() => chartWindow(days, now), [days, now]);
  const labels = useMemo(() => dayLabels(days, now), [days, now]);

  const current = useDashboard(windows.current);
  const previous = useDashboard(windows.previous);
  const daily = useDailyUsage(chartRange);
  const users = useUserCount();
  const channels = useChannels();
  const health = useRoutingHealth();
  const overruns = useOverruns(windows.current.from);
  const cacheHits = useCacheHits(windows.current);

  const noChannels = channels.data !== undefined && channels.data.length === 0;
  const noTraffic =
    current.data !== undefined &&
    current.data.totals.requests === 0 &&
    previous.data !== undefined &&
    previous.data.totals.requests === 0 &&
    daily.data !== undefined &&
    daily.data.data.length === 0;
  const refreshing = current.isFetching || daily.isFetching || channels.isFetching;

  const refresh = () => {
    setNow(minuteNow());
    void current.refetch();
    void previous.refetch();
    void daily.refetch();
    void channels.refetch();
    void health.refetch();
    void users.refetch();
    void overruns.refetch();
    void cacheHits.refetch();
  };

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.description')}
        actions={
          <>
            <SegmentedControl
              label={t('dashboard.period')}
              value={period}
              onChange={setPeriod}
              options={PERIODS.map((value) => ({ value, label: t(`dashboard.periods.${value}`) }))}
            />
            <Button variant="outline" size="icon" onClick={refresh} aria-label={t('common:actions.refresh')}>
              <RefreshCw className={refreshing ? 'animate-spin' : undefined} />
            </Button>
          </>
        }
      />

      <div className="space-y-4">
        {(noChannels || noTraffic) && <GettingStarted hasChannels={!noChannels} />}

        {current.isError && (
          <Alert
            variant="danger"
            title={t('dashboard.loadFailed')}
            action={
              <Button variant="outline" size="sm" onClick={() => current.refetch()}>
                {t('common:actions.retry')}
              </Button>
            }
          >
            {errorMessage(current.error)}
          </Alert>
        )}

        <OverrunsCard overruns={overruns.data?.data} periodLabel={t(`dashboard.periodsLong.${period}`)} />

        <KpiCards current={current.data} previous={previous.data} loading={current.isLoading} userCount={users.data} />
        <p className="-mt-1 text-xs text-muted-foreground">
          {t('dashboard.windowNote', { period: t(`dashboard.periodsLong.${period}`) })}
        </p>

        <TrafficCharts
          response={daily.data}
          labels={labels}
          loading={daily.isLoading}
          error={daily.error}
          onRetry={() => daily.refetch()}
        />

        <HourlyTrafficCard />
        <ChannelTrafficCard window={windows.current} />

        <div className="grid items-start gap-4 lg:grid-cols-3">
          <div className="space-y-4 lg:col-span-2">
            <TopModelsCard models={current.data?.topModels} loading={current.isLoading} />
            <TopUsersCard users={current.data?.topUsers} loading={current.isLoading} />
            <CacheHitsCard report={cacheHits.data} loading={cacheHits.isLoading} />
          </div>
          <ChannelHealthCard
            channels={channels.data}
            health={health.data}
            loading={channels.isLoading}
            error={channels.error}
            onRetry={() => channels.refetch()}
          />
        </div>
      </div>
    </>
  );
}
