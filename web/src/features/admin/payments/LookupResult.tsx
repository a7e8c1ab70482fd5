import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, type BadgeVariant, Spinner } from '../../../components/ui';
import { useLookupOrder } from './api';
import { paymentErrorMessage } from './payment-errors';
import { formatPayAmount } from './payment-format';
import { methodName } from './payment-vocabulary';
import type { PaymentOrder, ProviderLookup } from './types';

const STATE_VARIANT: Record<ProviderLookup['state'], BadgeVariant> = {
  paid: 'success',
  unpaid: 'info',
  closed: 'neutral',
  refunded: 'warning',
  unknown: 'outline',
};

/** Asks the provider about the order once (mounted anew for each "Check with provider") and shows its answer. */
export function LookupResult({ order }: { order: PaymentOrder }) {
  const { t } = useTranslation('paymentsAdmin');
  const lookup = useLookupOrder(order.id);
  const { mutate } = lookup;
  useEffect(() => mutate(), [mutate]);

  if (lookup.isPending || lookup.isIdle) {
    return (
      <div className="flex items-center gap-2 rounded-lg border border-border px-3.5 py-3 text-sm" aria-busy>
        <Spinner className="size-4" />
        {t('lookup.asking', { provider: methodName(order.method) })}
      </div>
    );
  }
  if (lookup.error) {
    return (
      <Alert variant="danger" title={t('lookup.failed')}>
        {paymentErrorMessage(lookup.error)}
      </Alert>
    );
  }
  const answer = lookup.data;
  if (!answer) return null;
  const mismatch =
    answer.payAmount !== undefined &&
    (answer.payAmount !== order.payAmount || (answer.currency !== undefined && answer.currency !== order.currency));
  const detail = Object.entries(answer.detail);
  return (
    <section
      aria-label={t('lookup.title')}
      className="space-y-2 rounded-lg border border-border bg-muted/40 px-3.5 py-3"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{t('lookup.says', { provider: methodName(order.method) })}</span>
        <Badge variant={STATE_VARIANT[answer.state]}>{t(`lookup.states.${answer.state}`)}</Badge>
        {answer.payAmount !== undefined && (
          <span className="tabular-nums">{formatPayAmount(answer.payAmount, answer.currency ?? order.currency)}</span>
        )}
      </div>
      {mismatch && <p className="text-xs text-destructive">{t('lookup.mismatch')}</p>}
      {detail.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          {detail.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
