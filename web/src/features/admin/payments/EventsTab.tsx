import { BellRing, SearchX, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Card, Pagination, Select, Table, type TableColumn } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { useEvents } from './api';
import { EVENT_PARAMS, eventFiltersFromSearch, hasFilters } from './list-filters';
import { EventReason, OutcomeBadge } from './PaymentBadges';
import { EVENT_OUTCOMES, methodName, PAYMENT_METHODS } from './payment-vocabulary';
import type { PaymentEvent } from './types';

/** The Events tab: every notification received (and returns, operator actions) with its verdict, newest first. */
export function EventsTab() {
  const { t } = useTranslation('paymentsAdmin');
  const [params, update] = useSearchUpdate();
  const filters = eventFiltersFromSearch(params);
  const events = useEvents(filters);
  const rows = events.data?.pages.flatMap((page) => page.data);
  const clear = () => update(Object.fromEntries(Object.values(EVENT_PARAMS).map((name) => [name, undefined])));

  const columns: TableColumn<PaymentEvent>[] = [
    {
      key: 'time',
      header: t('events.columns.time'),
      cell: (event) => (
        <span className="whitespace-nowrap text-muted-foreground">{formatDateTime(event.createdAt)}</span>
      ),
    },
    {
      key: 'verdict',
      header: t('events.columns.verdict'),
      cell: (event) => (
        <div className="flex flex-col items-start gap-1">
          <OutcomeBadge outcome={event.outcome} />
          <Badge variant="outline">
            {t(
              `kinds.${event.kind === 'webhook' || event.kind === 'return' || event.kind === 'admin' ? event.kind : 'notify'}`,
            )}
          </Badge>
        </div>
      ),
    },
    { key: 'method', header: t('events.columns.method'), cell: (event) => methodName(event.provider) },
    {
      key: 'order',
      header: t('events.columns.order'),
      cell: (event) =>
        event.orderId ? (
          <button
            type="button"
            className="cursor-pointer font-mono text-xs text-primary hover:underline"
            onClick={() => update({ tab: undefined, open: event.orderId ?? undefined })}
          >
            {event.orderId}
          </button>
        ) : (
          <span className="text-xs text-muted-foreground">{t('events.noOrder')}</span>
        ),
      className: 'hidden sm:table-cell',
    },
    {
      key: 'reason',
      header: t('events.columns.reason'),
      cell: (event) => (
        <div className="max-w-md min-w-48">
          <EventReason outcome={event.outcome} reason={event.reason} />
        </div>
      ),
    },
    {
      key: 'from',
      header: t('events.columns.from'),
      cell: (event) => <span className="font-mono text-xs text-muted-foreground">{event.remoteAddress ?? '—'}</span>,
      className: 'hidden lg:table-cell',
    },
  ];

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-border p-4 sm:flex-row sm:items-center">
        <Select
          aria-label={t('events.filters.verdict')}
          placeholder={t('events.filters.allVerdicts')}
          value={filters.outcome ?? ''}
          onChange={(event) => update({ [EVENT_PARAMS.outcome]: event.target.value || undefined })}
          options={EVENT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcomes.${outcome}`) }))}
          className="sm:w-48"
        />
        <Select
          aria-label={t('events.filters.method')}
          placeholder={t('orders.filters.allMethods')}
          value={filters.method ?? ''}
          onChange={(event) => update({ [EVENT_PARAMS.method]: event.target.value || undefined })}
          options={PAYMENT_METHODS.map((method) => ({ value: method, label: methodName(method) }))}
          className="sm:w-40"
        />
        {filters.orderId && <Badge variant="primary">{filters.orderId}</Badge>}
        {hasFilters(filters) && (
          <Button variant="ghost" size="sm" onClick={clear}>
            <X />
            {t('orders.filters.clear')}
          </Button>
        )}
      </div>
      <Table
        label={t('events.tableLabel')}
        columns={columns}
        rows={rows}
        rowKey={(event) => event.id}
        loading={events.isPending}
        error={events.error}
        onRetry={() => void events.refetch()}
        className={events.isPlaceholderData ? 'relative opacity-60 transition-opacity' : 'relative'}
        empty={
          hasFilters(filters)
            ? { icon: SearchX, title: t('events.emptyFiltered') }
            : { icon: BellRing, title: t('events.empty.title'), description: t('events.empty.description') }
        }
      />
      {rows && rows.length > 0 && (
        <Pagination
          hasMore={Boolean(events.hasNextPage)}
          loading={events.isFetchingNextPage}
          onLoadMore={() => void events.fetchNextPage()}
        />
      )}
    </Card>
  );
}
