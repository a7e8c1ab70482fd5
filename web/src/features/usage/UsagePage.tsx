import { useQueryClient } from '@tanstack/react-query';
import { BarChart3, FlaskConical, KeyRound, RotateCw } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Button, buttonClasses, Card, EmptyState, ErrorState } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { ModelTable } from './ModelTable';
import { RangePicker } from './RangePicker';
import { SummaryCards } from './SummaryCards';
import { UsageCharts } from './UsageCharts';
import { UserFilter } from './UserFilter';
import { useDailyUsage, useUsageSummary } from './usage-queries';
import { browserTzOffsetMinutes, rangeFromSearch, rangeToSearch, rangeWindow, type UsageRange } from './usage-range';

/** /usage: spend, tokens and requests over a range of days, per day and per model. */
export function UsagePage() {
  const { t } = useTranslation('usage');
  const { isAdmin } = useAuth();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const range = rangeFromSearch(search);
  const rangeKey = range.kind === 'custom' ? `${range.fromDay}/${range.toDay}` : range.preset;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rangeKey stands for range.
  const window = useMemo(() => rangeWindow(range), [rangeKey]);
  const userId = isAdmin ? (search.get('user') ?? undefined) : undefined;
  const tzOffsetMinutes = browserTzOffsetMinutes();

  const params = { from: window.from, to: window.to, userId };
  const summary = useUsageSummary(params);
  const daily = useDailyUsage({ ...params, tzOffsetMinutes });

  const setRange = (next: UsageRange) => setSearch(rangeToSearch(next, search), { replace: true });
  const setUser = (next: string | undefined) => {
    const query = new URLSearchParams(search);
    if (next) query.set('user', next);
    else query.delete('user');
    setSearch(query, { replace: true });
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['usage'] });

  const loading = summary.isPending;
  const refreshing = (summary.isFetching || daily.isFetching) && !loading;
  const noUsage = summary.data !== undefined && summary.data.totals.requests === 0;
  const logsQuery = new URLSearchParams(userId ? { user: userId } : {});

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <div className="flex w-full flex-col gap-2 sm:w-auto sm:flex-row sm:items-start">
            {isAdmin && <UserFilter value={userId} onChange={setUser} />}
            <RangePicker range={range} window={window} onChange={setRange} />
            <Button
              variant="outline"
              size="icon"
              onClick={refresh}
              aria-label={t('refresh')}
              title={t('refresh')}
              className="hidden sm:inline-flex"
            >
              <RotateCw className={refreshing ? 'animate-spin' : undefined} />
            </Button>
          </div>
        }
      />

      {summary.error && !summary.data ? (
        <Card>
          <ErrorState error={summary.error} onRetry={() => summary.refetch()} retrying={summary.isFetching} />
        </Card>
      ) : noUsage ? (
        <Card>
          <EmptyState
            icon={BarChart3}
            title={t('empty.title')}
            description={userId ? t('empty.userDescription') : t('empty.description')}
            action={
              !userId && (
                <div className="flex flex-wrap justify-center gap-2">
                  <Link to="/playground" className={buttonClasses('primary', 'sm')}>
                    <FlaskConical />
                    {t('empty.playground')}
                  </Link>
                  <Link to="/keys" className={buttonClasses('outline', 'sm')}>
                    <KeyRound />
                    {t('empty.keys')}
                  </Link>
                </div>
              )
            }
            className="py-16"
          />
        </Card>
      ) : (
        <>
          <SummaryCards totals={summary.data?.totals} days={window.days.length} loading={loading} />
          {daily.error && !daily.data ? (
            <Card>
              <ErrorState error={daily.error} onRetry={() => daily.refetch()} retrying={daily.isFetching} />
            </Card>
          ) : (
            <UsageCharts rows={daily.data?.data} days={window.days} loading={daily.isPending} />
          )}
          <ModelTable
            models={summary.data?.models}
            loading={loading}
            error={summary.error}
            onRetry={() => summary.refetch()}
            logsQuery={logsQuery}
          />
          <p className="text-center text-xs text-muted-foreground">
            {t('timezone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? '' })}
          </p>
        </>
      )}
    </div>
  );
}
