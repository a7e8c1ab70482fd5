import { DatabaseZap, Radio, ScrollText } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, type TableColumn } from '../../components/ui';
import { formatDateTime, formatLatency, formatNumber, formatTime, formatTokens } from '../../lib/format';
import { isToday, type KeyDisplay, KeyLabel, LogCost, StatusBadge, TokenCountBadge } from './log-display';
import type { RequestLog } from './types';

export interface LogTableProps {
  rows: RequestLog[] | undefined;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  onOpen: (log: RequestLog) => void;
  keyOf: (log: RequestLog) => KeyDisplay;
  /** Admins: the user's email for a user id (shown under the key). */
  userOf?: (userId: string | null) => string;
  empty: { title: ReactNode; description?: ReactNode; action?: ReactNode };
}

/** The request log: one row per /v1 request, newest first; a row opens its details. */
export function LogTable({ rows, loading, error, onRetry, onOpen, keyOf, userOf, empty }: LogTableProps) {
  const { t } = useTranslation('usage');
  const columns: TableColumn<RequestLog>[] = [
    {
      key: 'time',
      header: t('logs.columns.time'),
      className: 'hidden whitespace-nowrap sm:table-cell',
      cell: (log) => (
        <time dateTime={new Date(log.createdAt).toISOString()} title={formatDateTime(log.createdAt)}>
          <span className="tabular-nums">{formatTime(log.createdAt)}</span>
          {!isToday(log.createdAt) && (
            <span className="block text-xs text-muted-foreground">
              {new Date(log.createdAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}
            </span>
          )}
        </time>
      ),
    },
    {
      key: 'model',
      header: t('logs.columns.model'),
      className: 'pr-2 sm:pr-4',
      cell: (log) => (
        <div className="max-w-[9.5rem] min-w-0 sm:max-w-[14rem]">
          <span className="block truncate font-mono text-xs font-medium" title={log.modelRequested}>
            {log.modelRequested}
          </span>
          <span className="block text-xs text-muted-foreground tabular-nums sm:hidden">
            {formatTime(log.createdAt)}
          </span>
          {log.surface !== 'openai-chat' && (
            <span className="block truncate text-[11px] text-muted-foreground" data-testid="log-surface">
              {t(`surfaces.${log.surface}`)}
            </span>
          )}
          <TokenCountBadge log={log} />
          {log.modelServed && log.modelServed !== log.modelRequested && (
            <span className="block truncate font-mono text-[11px] text-muted-foreground" title={log.modelServed}>
              → {log.modelServed}
            </span>
          )}
        </div>
      ),
    },
    {
      key: 'provider',
      header: t('logs.columns.provider'),
      className: 'hidden lg:table-cell',
      cell: (log) => (
        <div className="max-w-[10rem] min-w-0">
          <span className="block truncate">{log.provider ?? '—'}</span>
          {log.channel && <span className="block truncate text-xs text-muted-foreground">{log.channel}</span>}
        </div>
      ),
    },
    {
      key: 'key',
      header: userOf ? t('logs.columns.keyAndUser') : t('logs.columns.key'),
      className: 'hidden md:table-cell',
      cell: (log) => (
        <div className="min-w-0">
          <KeyLabel display={keyOf(log)} />
          {userOf && (
            <span className="block max-w-[11rem] truncate text-xs text-muted-foreground" title={userOf(log.userId)}>
              {userOf(log.userId)}
            </span>
          )}
        </div>
      ),
    },
    {
      key: 'group',
      header: t('logs.columns.keyGroup'),
      className: 'hidden lg:table-cell',
      cell: (log) => (
        <span className="block max-w-[8rem] truncate font-mono text-xs" title={log.keyGroup ?? undefined}>
          {log.keyGroup ?? '—'}
        </span>
      ),
    },
    {
      key: 'status',
      header: t('logs.columns.status'),
      className: 'px-2 sm:px-4',
      cell: (log) => <StatusBadge log={log} />,
    },
    {
      key: 'tokens',
      header: t('logs.columns.tokens'),
      align: 'right',
      className: 'hidden sm:table-cell whitespace-nowrap',
      cell: (log) => (
        <span
          className="tabular-nums"
          title={t('logs.tokensTitle', {
            input: formatNumber(log.promptTokens),
            output: formatNumber(log.completionTokens),
          })}
        >
          {formatTokens(log.promptTokens)}
          <span className="mx-1 text-muted-foreground">/</span>
          {formatTokens(log.completionTokens)}
        </span>
      ),
    },
    {
      key: 'cost',
      header: t('logs.columns.cost'),
      align: 'right',
      className: 'pl-2 sm:pl-4',
      cell: (log) => <LogCost log={log} className="font-normal" />,
    },
    {
      key: 'latency',
      header: t('logs.columns.latency'),
      align: 'right',
      className: 'hidden md:table-cell whitespace-nowrap',
      cell: (log) => (
        <div className="tabular-nums">
          <span className="inline-flex items-center gap-1.5">
            {log.cachedResponse && (
              <span title={t('logs.cached')} className="text-info">
                <DatabaseZap className="size-3.5" aria-label={t('logs.cached')} />
              </span>
            )}
            {log.stream && (
              <span title={t('logs.stream')} className="text-muted-foreground">
                <Radio className="size-3.5" aria-label={t('logs.stream')} />
              </span>
            )}
            {formatLatency(log.latencyMs)}
          </span>
          {log.ttftMs !== null && (
            <span className="block text-xs text-muted-foreground">
              {t('logs.ttftShort', { value: formatLatency(log.ttftMs) })}
            </span>
          )}
        </div>
      ),
    },
  ];

  return (
    <Table
      label={t('logs.tableLabel')}
      columns={columns}
      rows={rows}
      rowKey={(log) => log.id}
      loading={loading}
      error={error}
      onRetry={onRetry}
      onRowClick={onOpen}
      skeletonRows={8}
      empty={{ icon: ScrollText, ...empty }}
    />
  );
}
