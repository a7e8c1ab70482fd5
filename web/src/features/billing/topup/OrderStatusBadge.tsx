import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui';
import { ORDER_STATUS_BADGE } from './order-status';
import type { OrderStatus } from './payment-types';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('payments');
  return (
    <Badge variant={ORDER_STATUS_BADGE[status]} dot data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
