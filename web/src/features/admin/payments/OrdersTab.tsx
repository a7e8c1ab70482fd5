import { Receipt, SearchX, UserX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Button, Card, Pagination, Table, type TableColumn } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { useOrder, useOrders } from './api';
import { hasFilters, isBackwardsRange, ORDER_PARAMS, orderFiltersFromSearch, ordersQuery } from './list-filters';
import { OrderDrawer } from './OrderDrawer';
import { OrderFilterBar } from './OrderFilterBar';
import { OrderStatusBadge } from './PaymentBadges';
import { formatPayAmount } from './payment-format';
import { methodName } from './payment-vocabulary';
import type { PaymentOrder } from './types';
import { UserName } from './UserName';
import { useUserFilter, useUsersById } from './users-lookup';

/** The Orders tab: every user's orders, filtered (in the address), newest first, a page at a time. */
export function OrdersTab() {
  const { t } = useTranslation('paymentsAdmin');
  const [params, update] = useSearchUpdate();
  const filters = orderFiltersFromSearch(params);
  const opened = params.get('open') ?? undefined;
  const user = useUserFilter(filters.orderId ? undefined : filters.user);
  const backwards = isBackwardsRange(filters);
  const listEnabled = !filters.orderId && !user.pending && user.found && !backwards;
  const list = useOrders(ordersQuery(filters, user.userId), listEnabled);
  const single = useOrder(filters.orderId);

  let rows: PaymentOrder[] | undefined;
  let error: unknown;
  if (filters.orderId) {
    const notFound = single.error instanceof ApiError && single.error.status === 404;
    rows = single.data ? [single.data.order] : notFound ? [] : undefined;
    error = notFound ? undefined : single.error;
  } else if (!user.found || backwards) {
    rows = [];
  } else {
    rows = list.data?.pages.flatMap((page) => page.data);
    error = list.error ?? user.error;
  }
  const loading = filters.orderId ? single.isPending : user.pending || (listEnabled && list.isPending);
  const users = useUsersById((rows ?? []).map((order) => order.userId));

  const clear = () => update(Object.fromEntries(Object.values(ORDER_PARAMS).map((name) => [name, undefined])));

  const columns: TableColumn<PaymentOrder>[] = [
    {
      key: 'order',
      header: t('orders.columns.order'),
      cell: (order) => (
        <div className="min-w-0">
          <p className="truncate font-mono text-xs">{order.id}</p>
          <p className="text-xs text-muted-foreground">
            {methodName(order.method)} · {t(`purposes.${order.purpose}`)}
          </p>
        </div>
      ),
    },
    {
      key: 'user',
      header: t('orders.columns.user'),
      cell: (order) => <UserName id={order.userId} user={users.get(order.userId)} />,
      className: 'hidden md:table-cell',
    },
    { key: 'status', header: t('orders.columns.status'), cell: (order) => <OrderStatusBadge status={order.status} /> },
    {
      key: 'paid',
      header: t('orders.columns.paid'),
      align: 'right',
      cell: (order) => (
        <span className="font-medium whitespace-nowrap tabular-nums">
          {formatPayAmount(order.payAmount, order.currency)}
        </span>
      ),
    },
    {
      key: 'credit',
      header: t('orders.columns.credit'),
      align: 'right',
      cell: (order) => (
        <div>
          <MoneyText units={order.creditAmount} />
          {order.bonusAmount > 0 && (
            <p className="text-xs whitespace-nowrap text-success">
              {t('orders.bonus', { amount: formatMoney(order.bonusAmount, { signed: true }) })}
            </p>
          )}
        </div>
      ),
      className: 'hidden sm:table-cell',
    },
    {
      key: 'ref',
      header: t('orders.columns.providerRef'),
      cell: (order) => (
        <span className="block max-w-40 truncate font-mono text-xs text-muted-foreground">
          {order.providerRef ?? '—'}
        </span>
      ),
      className: 'hidden 2xl:table-cell',
    },
    {
      key: 'created',
      header: t('orders.columns.created'),
      cell: (order) => (
        <span className="whitespace-nowrap text-muted-foreground" title={formatDateTime(order.createdAt)}>
          {formatRelative(order.createdAt)}
        </span>
      ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'credited',
      header: t('orders.columns.credited'),
      cell: (order) => (
        <span className="whitespace-nowrap text-muted-foreground">{formatDateTime(order.creditedAt)}</span>
      ),
      className: 'hidden xl:table-cell',
    },
  ];

  const filtered = hasFilters(filters);
  return (
    <>
      <Card>
        <OrderFilterBar filters={filters} onChange={update} />
        <Table
          label={t('orders.tableLabel')}
          columns={columns}
          rows={rows}
          rowKey={(order) => order.id}
          loading={loading}
          error={error}
          onRetry={() => void (filters.orderId ? single.refetch() : list.refetch())}
          onRowClick={(order) => update({ open: order.id })}
          className={list.isPlaceholderData ? 'relative opacity-60 transition-opacity' : 'relative'}
          empty={
            !user.found
              ? { icon: UserX, title: t('orders.noUser.title'), description: t('orders.noUser.description') }
              : filtered
                ? {
                    icon: SearchX,
                    title: t('orders.emptyFiltered.title'),
                    description: t('orders.emptyFiltered.description'),
                    action: (
                      <Button variant="outline" size="sm" onClick={clear}>
                        {t('orders.filters.clear')}
                      </Button>
                    ),
                  }
                : { icon: Receipt, title: t('orders.empty.title'), description: t('orders.empty.description') }
          }
        />
        {!filters.orderId && rows && rows.length > 0 && (
          <Pagination
            hasMore={Boolean(list.hasNextPage)}
            loading={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        )}
      </Card>
      <OrderDrawer orderId={opened} onClose={() => update({ open: undefined })} />
    </>
  );
}
