import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { useCreateOrder } from './payment-api';
import { paymentErrorMessage } from './payment-errors';
import { handoffFor } from './payment-handoff';
import type { CreateOrderRequest, PaymentOrder } from './payment-types';
import { QrPaymentDialog } from './QrPaymentDialog';

/** Leaves the console for the provider's page (a seam for tests and for the QR dialog's link). */
function goTo(url: string): void {
  window.location.assign(url);
}

/**
 * Starting a payment, shared by top-ups and plan purchases: creates the order (the server prices
 * it), then sends the browser to the provider's page or opens the QR dialog. Render `dialog`.
 */
export function usePaymentHandoff(options: { onCredited?: (order: PaymentOrder) => void } = {}) {
  const { t } = useTranslation('payments');
  const toast = useToast();
  const { mutate: createOrder, isPending } = useCreateOrder();
  const [qrOrder, setQrOrder] = useState<PaymentOrder | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const { onCredited } = options;

  const pay = useCallback(
    (body: CreateOrderRequest) => {
      createOrder(body, {
        onSuccess: (order) => {
          const handoff = handoffFor(order);
          switch (handoff.kind) {
            case 'redirect':
              setRedirecting(true);
              goTo(handoff.url);
              return;
            case 'qr':
              setQrOrder(order);
              return;
            case 'none':
              toast.error(t('handoff.noCheckout'));
              return;
            default: {
              const unreachable: never = handoff;
              return unreachable;
            }
          }
        },
        onError: (error) => toast.error(paymentErrorMessage(error)),
      });
    },
    [createOrder, toast, t],
  );

  const credited = useCallback(
    (order: PaymentOrder) => {
      toast.success(t('banner.credited', { amount: formatMoney(order.creditAmount, { digits: 2 }) }));
      onCredited?.(order);
    },
    [toast, t, onCredited],
  );

  const dialog = <QrPaymentDialog order={qrOrder} onClose={() => setQrOrder(null)} onCredited={credited} />;
  return { pay, pending: isPending || redirecting, dialog };
}
