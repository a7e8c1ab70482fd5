import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui';
import { isRefusal, knownOutcome, ORDER_STATUS_VARIANT, OUTCOME_VARIANT, refusalCause } from './payment-vocabulary';
import type { OrderStatus } from './types';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('paymentsAdmin');
  return (
    <Badge variant={ORDER_STATUS_VARIANT[status]} dot>
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/** What a notification came to: accepted (credited, reversed), duplicate, refused... */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation('paymentsAdmin');
  const known = knownOutcome(outcome);
  return (
    <Badge variant={OUTCOME_VARIANT[known]} title={outcome}>
      {known === 'other' ? outcome : t(`outcomes.${known}`)}
    </Badge>
  );
}

/** A refusal's cause in words (bad signature, amount mismatch...), with the server's own reason under it. */
export function EventReason({ outcome, reason }: { outcome: string; reason: string }) {
  const { t } = useTranslation('paymentsAdmin');
  if (!isRefusal(outcome)) return <span className="break-words">{reason || '—'}</span>;
  const cause = refusalCause(reason);
  return (
    <span className="block min-w-0">
      {cause !== 'other' && <span className="block font-medium text-destructive">{t(`causes.${cause}`)}</span>}
      <span className="block break-words text-xs text-muted-foreground">{reason}</span>
    </span>
  );
}
