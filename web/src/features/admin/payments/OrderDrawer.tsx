import { Search, Stamp } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, CopyButton, Drawer, ErrorState, Skeleton } from '../../../components/ui';
import { useOrder } from './api';
import { LookupResult } from './LookupResult';
import { MarkOrderDialog } from './MarkOrderDialog';
import { markTargets } from './mark-form';
import { OrderDetails } from './OrderDetails';
import { OrderHistory } from './OrderHistory';
import { OrderStatusBadge } from './PaymentBadges';
import { paymentErrorMessage } from './payment-errors';

/** One order: every field, its notifications and operator actions, its ledger entries; check it with the provider, mark it. */
export function OrderDrawer({ orderId, onClose }: { orderId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation('paymentsAdmin');
  const detail = useOrder(orderId);
  const [marking, setMarking] = useState(false);
  const [lookupOpen, setLookupOpen] = useState(0);
  const order = detail.data?.order;
  const targets = order ? markTargets(order.status) : [];

  return (
    <Drawer
      open={Boolean(orderId)}
      onClose={onClose}
      width="max-w-2xl"
      title={t('drawer.title')}
      description={orderId}
      footer={
        order && (
          <>
            <Button variant="outline" onClick={() => setLookupOpen((count) => count + 1)}>
              <Search />
              {t('drawer.lookup')}
            </Button>
            {targets.length > 0 && (
              <Button onClick={() => setMarking(true)}>
                <Stamp />
                {t('drawer.mark')}
              </Button>
            )}
          </>
        )
      }
    >
      {detail.isPending ? (
        <div className="space-y-4" aria-busy>
          <Skeleton className="h-10 w-1/2" />
          <Skeleton className="h-48 w-full" />
        </div>
      ) : detail.error || !order ? (
        <ErrorState
          title={paymentErrorMessage(detail.error)}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      ) : (
        <div className="space-y-6">
          <div className="flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={order.status} />
            <CopyButton value={order.id} size="icon-sm" className="size-6" />
          </div>
          {lookupOpen > 0 && <LookupResult key={lookupOpen} order={order} />}
          <OrderDetails order={order} />
          <OrderHistory order={order} events={detail.data.events} />
        </div>
      )}
      {order && <MarkOrderDialog open={marking} onClose={() => setMarking(false)} order={order} targets={targets} />}
    </Drawer>
  );
}
