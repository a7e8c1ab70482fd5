import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Spinner, useToast } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { OrderStatusBadge } from './OrderStatusBadge';
import { formatPayAmount } from './order-status';
import { useOrder, useRefreshAfterPayment } from './payment-api';
import { paymentErrorMessage } from './payment-errors';

/**
 * Back from the provider (`/billing?order=<id>`): the order's state, polled while it awaits the
 * provider's notification; when it is credited, the balance, ledger and plans are read again.
 */
export function OrderReturnBanner() {
  const { t, i18n } = useTranslation('payments');
  const [params, setParams] = useSearchParams();
  const orderId = params.get('order') ?? undefined;
  const order = useOrder(orderId);
  const refresh = useRefreshAfterPayment();
  const toast = useToast();
  const landed = useRef<string | null>(null);
  const status = order.data?.status;

  useEffect(() => {
    if (!order.data || status !== 'credited' || landed.current === order.data.id) return;
    landed.current = order.data.id;
    void refresh();
    toast.success(
      order.data.purpose === 'plan'
        ? t('banner.planActive')
        : t('banner.credited', { amount: formatMoney(order.data.creditAmount, { digits: 2 }) }),
    );
  }, [order.data, status, refresh, toast, t]);

  if (!orderId) return null;
  const dismiss = () =>
    setParams(
      (current) => {
        current.delete('order');
        return current;
      },
      { replace: true },
    );
  const action = (
    <Button variant="ghost" size="sm" onClick={dismiss}>
      {t('banner.dismiss')}
    </Button>
  );

  if (order.isPending) {
    return (
      <Alert variant="info" action={action}>
        <span className="flex items-center gap-2">
          <Spinner />
          {t('banner.loading')}
        </span>
      </Alert>
    );
  }
  if (order.isError) {
    return (
      <Alert variant="danger" action={action}>
        {paymentErrorMessage(order.error)}
      </Alert>
    );
  }
  const data = order.data;
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';
  const variant =
    data.status === 'credited'
      ? 'success'
      : data.status === 'created'
        ? 'info'
        : data.status === 'refunded'
          ? 'warning'
          : 'danger';
  return (
    <div data-testid="order-banner" data-status={data.status}>
      <Alert
        variant={variant}
        action={action}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {data.status === 'created' && <Spinner />}
            {data.status === 'created'
              ? t('banner.waiting')
              : data.status === 'credited' && data.purpose === 'plan'
                ? t('banner.planActive')
                : t(`banner.${data.status}`, { amount: formatMoney(data.creditAmount, { digits: 2 }) })}
            <OrderStatusBadge status={data.status} />
          </span>
        }
      >
        {data.status === 'credited' && data.purpose === 'plan' && (
          <Link to="/plans" className="mr-2 text-primary underline-offset-4 hover:underline">
            {t('banner.openPlans')}
          </Link>
        )}
        <span className="text-muted-foreground">
          {t('banner.detail', {
            id: data.id,
            price: formatPayAmount(data.payAmount, data.currency, locale),
            method: t(`method.${data.method}`),
          })}
        </span>
      </Alert>
    </div>
  );
}
