import { useQueryClient } from '@tanstack/react-query';
import { Download, FlaskConical, KeyRound, RotateCw } from 'lucide-react';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Button, buttonClasses, Card, Label, Pagination, Switch } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { LogDetailDrawer } from './LogDetailDrawer';
import { LogFilterBar } from './LogFilterBar';
import { LogTable } from './LogTable';
import { downloadText, logsToCsv } from './log-csv';
import { keyDisplay } from './log-display';
import { filtersFromSearch, filtersToSearch, hasFilters } from './log-filters';
import type { KeySummary, RequestLog } from './types';
import { type LogFilters, useKeyGroupNames, useKeys, useLogs, useUsedModels, useUsers } from './usage-queries';

const AUTO_REFRESH_KEY = 'aihub.logs.autoRefresh';

/** /logs and /logs/:id: the request log with filters, "load more", auto-refresh, CSV, and a detail drawer. */
export function LogsPage() {
  const { t } = useTranslation(['usage', 'common']);
  const { isAdmin } = useAuth();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search, isAdmin);
  const filterKey = filtersToSearch(filters).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for filters.
  const stableFilters = useMemo(() => filters, [filterKey]);
  const [autoRefresh, setAutoRefreshState] = useState(() => readAutoRefresh());
  const autoRefreshId = useId();

  const logs = useLogs(stableFilters, autoRefresh && !id);
  const keys = useKeys();
  const users = useUsers();
  const models = useUsedModels(stableFilters.userId);
  const userGroups = useMemo(() => (users.data ?? []).map((user) => user.group), [users.data]);
  const keyGroups = useKeyGroupNames(userGroups);

  const rows = useMemo(() => logs.data?.pages.flatMap((page) => page.data), [logs.data]);
  const keyMap = useMemo(
    () => new Map((keys.data ?? []).map((key): [string, KeySummary] => [key.id, key])),
    [keys.data],
  );
  const userMap = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.email])), [users.data]);

  const labels = useMemo(
    () => ({ playground: t('logs.playground'), deleted: t('logs.deletedKey'), none: t('logs.noKey') }),
    [t],
  );
  const keyOf = useCallback((log: RequestLog) => keyDisplay(log, keyMap, labels), [keyMap, labels]);
  const userOf = useCallback((userId: string | null) => (userId ? (userMap.get(userId) ?? userId) : '—'), [userMap]);

  const query = search.toString();
  const suffix = query ? `?${query}` : '';
  const setFilters = (next: LogFilters) => {
    setSearch(filtersToSearch(next), { replace: true });
  };
  const open = (log: RequestLog) => navigate(`/logs/${encodeURIComponent(log.id)}${suffix}`);
  const close = () => navigate(`/logs${suffix}`);
  const setAutoRefresh = (value: boolean) => {
    setAutoRefreshState(value);
    try {
      localStorage.setItem(AUTO_REFRESH_KEY, value ? '1' : '0');
    } catch {
      // Private mode: remembered for this visit only.
    }
  };
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['logs', 'list'] });
    queryClient.invalidateQueries({ queryKey: ['usage', 'models'] });
  };
  const exportCsv = () => {
    if (!rows?.length) return;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    downloadText(logsToCsv(rows, keyOf, isAdmin ? userOf : undefined), `aihub-logs-${stamp}.csv`);
  };

  const filtered = hasFilters(filters);
  const empty = filtered
    ? {
        title: t('logs.emptyFiltered.title'),
        description: t('logs.emptyFiltered.description'),
        action: (
          <Button variant="outline" size="sm" onClick={() => setFilters({})}>
            {t('filters.clear')}
          </Button>
        ),
      }
    : {
        title: t('logs.empty.title'),
        description: t('logs.empty.description'),
        action: (
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
        ),
      };

  return (
    <div>
      <PageHeader
        title={t('logs.title')}
        description={t('logs.description')}
        actions={
          <>
            <div className="flex h-9 items-center gap-2 px-1">
              <Switch id={autoRefreshId} checked={autoRefresh} onCheckedChange={setAutoRefresh} />
              <Label htmlFor={autoRefreshId} className="cursor-pointer font-normal text-muted-foreground">
                {t('logs.autoRefresh')}
              </Label>
            </div>
            <Button variant="outline" size="sm" onClick={refresh} aria-label={t('common:actions.refresh')}>
              <RotateCw className={logs.isFetching && !logs.isFetchingNextPage ? 'animate-spin' : undefined} />
              <span className="hidden sm:inline">{t('common:actions.refresh')}</span>
            </Button>
            <Button variant="outline" size="sm" onClick={exportCsv} disabled={!rows?.length}>
              <Download />
              {t('logs.export')}
            </Button>
          </>
        }
      />

      <Card className="overflow-hidden">
        <div className="border-b border-border p-3 sm:p-4">
          <LogFilterBar
            filters={filters}
            onChange={setFilters}
            models={models.data ?? []}
            keys={keys.data ?? []}
            keyGroups={keyGroups}
            isAdmin={isAdmin}
          />
        </div>
        <LogTable
          rows={rows}
          loading={logs.isPending}
          error={logs.error && !logs.data ? logs.error : undefined}
          onRetry={() => logs.refetch()}
          onOpen={open}
          keyOf={keyOf}
          userOf={isAdmin ? userOf : undefined}
          empty={empty}
        />
        {rows && rows.length > 0 && (
          <div className="border-t border-border">
            <Pagination
              hasMore={Boolean(logs.hasNextPage)}
              loading={logs.isFetchingNextPage}
              onLoadMore={() => logs.fetchNextPage()}
            />
          </div>
        )}
      </Card>
      {rows && rows.length > 0 && (
        <p className="mt-3 text-center text-xs text-muted-foreground">{t('logs.shown', { count: rows.length })}</p>
      )}

      <LogDetailDrawer
        id={id}
        placeholder={rows?.find((row) => row.id === id)}
        onClose={close}
        keyOf={keyOf}
        userOf={isAdmin ? userOf : undefined}
      />
    </div>
  );
}

function readAutoRefresh(): boolean {
  try {
    return localStorage.getItem(AUTO_REFRESH_KEY) === '1';
  } catch {
    return false;
  }
}
