import { Receipt } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Card, CardHeader, Pagination, Table, type TableColumn } from '../../../components/ui';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { OrderStatusBadge } from './OrderStatusBadge';
import { formatPayAmount } from './order-status';
import { useOrders } from './payment-api';
import type { PaymentOrder } from './payment-types';

/** The user's payment orders, newest first, 20 a page: what was paid, how, and what it credited. */
export function OrdersCard() {
  const { t, i18n } = useTranslation('payments');
  const orders = useOrders();
  const rows = orders.data?.pages.flatMap((page) => page.data);
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';

  const columns: TableColumn<PaymentOrder>[] = [
    {
      key: 'time',
      header: t('orders.columns.time'),
      className: 'hidden whitespace-nowrap sm:table-cell',
      cell: (order) => (
        <div className="space-y-0.5">
          <span title={formatRelative(order.createdAt)} className="text-muted-foreground tabular-nums">
            {formatDateTime(order.createdAt)}
          </span>
          {order.creditedAt !== null && (
            <p className="text-xs text-muted-foreground">
              {t('orders.creditedAt', { time: formatDateTime(order.creditedAt) })}
            </p>
          )}
        </div>
      ),
    },
    {
      key: 'what',
      header: t('orders.columns.what'),
      cell: (order) => (
        <div className="space-y-1">
          <p className="font-medium">{t(`orders.purpose.${order.purpose}`)}</p>
          <p className="text-xs text-muted-foreground">{t(`method.${order.method}`)}</p>
          <p className="hidden font-mono text-[11px] text-muted-foreground sm:block">{order.id}</p>
          <p className="text-xs text-muted-foreground sm:hidden">{formatDateTime(order.createdAt)}</p>
        </div>
      ),
    },
    {
      key: 'status',
      header: t('orders.columns.status'),
      cell: (order) => <OrderStatusBadge status={order.status} />,
    },
    {
      key: 'paid',
      header: t('orders.columns.paid'),
      align: 'right',
      cell: (order) => (
        <div className="space-y-0.5 tabular-nums">
          <p data-testid="order-paid">{formatPayAmount(order.payAmount, order.currency, locale)}</p>
          {order.refundedPayAmount > 0 && (
            <p className="text-xs text-warning">
              {t('orders.refunded', { amount: formatPayAmount(order.refundedPayAmount, order.currency, locale) })}
            </p>
          )}
        </div>
      ),
    },
    {
      key: 'credit',
      header: t('orders.columns.credit'),
      align: 'right',
      cell: (order) => (
        <div className="space-y-0.5">
          <MoneyText units={order.creditAmount} digits={2} />
          {order.bonusAmount > 0 && (
            <p className="text-xs text-success">
              {t('quote.bonus', { bonus: formatMoney(order.bonusAmount, { digits: 2 }) })}
            </p>
          )}
          {order.reversedAmount > 0 && (
            <p className="text-xs">
              <MoneyText units={-order.reversedAmount} digits={2} colored />{' '}
              <span className="text-muted-foreground">{t('orders.reversed')}</span>
            </p>
          )}
        </div>
      ),
    },
  ];

  return (
    <Card data-testid="orders-card">
      <CardHeader title={t('orders.title')} description={t('orders.description')} />
      <Table
        columns={columns}
        rows={rows}
        rowKey={(order) => order.id}
        loading={orders.isPending}
        error={orders.isError ? orders.error : undefined}
        onRetry={() => orders.refetch()}
        label={t('orders.title')}
        className="mt-4 border-t border-border"
        empty={{ icon: Receipt, title: t('orders.emptyTitle'), description: t('orders.emptyText') }}
      />
      {rows && rows.length > 0 && (
        <Pagination
          hasMore={Boolean(orders.hasNextPage)}
          loading={orders.isFetchingNextPage}
          onLoadMore={() => orders.fetchNextPage()}
          className="border-t border-border"
        />
      )}
    </Card>
  );
}
