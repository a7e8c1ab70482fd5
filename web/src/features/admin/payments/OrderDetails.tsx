import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { CopyButton } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { formatPayAmount } from './payment-format';
import { methodName } from './payment-vocabulary';
import type { PaymentOrder } from './types';
import { UserName } from './UserName';
import { useUsersById } from './users-lookup';

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** Every field of an order, in words. */
export function OrderDetails({ order }: { order: PaymentOrder }) {
  const { t } = useTranslation('paymentsAdmin');
  const users = useUsersById([order.userId, ...(order.markedBy ? [order.markedBy] : [])]);
  const detail = Object.entries(order.detail ?? {});
  return (
    <section aria-label={t('drawer.details')} className="space-y-4">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        <Item label={t('drawer.fields.user')}>
          <UserName id={order.userId} user={users.get(order.userId)} />
        </Item>
        <Item label={t('drawer.fields.method')}>
          {methodName(order.method)} · {t(`purposes.${order.purpose}`)}
          {order.planId && <span className="ml-1 font-mono text-xs">({order.planId})</span>}
        </Item>
        <Item label={t('drawer.fields.paid')}>
          <span className="font-medium tabular-nums">{formatPayAmount(order.payAmount, order.currency)}</span>{' '}
          <span className="text-xs text-muted-foreground">{order.currency}</span>
        </Item>
        <Item label={t('drawer.fields.credit')}>
          <MoneyText units={order.creditAmount} />
          {order.bonusAmount > 0 && (
            <span className="ml-1 text-xs text-success">
              ({t('drawer.fields.bonusPart')} <MoneyText units={order.bonusAmount} className="font-normal" />)
            </span>
          )}
        </Item>
        {(order.refundedPayAmount > 0 || order.reversedAmount > 0) && (
          <Item label={t('drawer.fields.refunded')}>
            {formatPayAmount(order.refundedPayAmount, order.currency)} ·{' '}
            <MoneyText units={-order.reversedAmount} colored />
          </Item>
        )}
        <Item label={t('drawer.fields.providerRef')}>
          <span className="font-mono text-xs">{order.providerRef ?? '—'}</span>
        </Item>
        <Item label={t('drawer.fields.created')}>{formatDateTime(order.createdAt)}</Item>
        <Item label={t('drawer.fields.expires')}>{formatDateTime(order.expiresAt)}</Item>
        <Item label={t('drawer.fields.credited')}>{formatDateTime(order.creditedAt)}</Item>
        <Item label={t('drawer.fields.updated')}>{formatDateTime(order.updatedAt)}</Item>
        {order.markedBy && (
          <Item label={t('drawer.fields.markedBy')}>
            <UserName id={order.markedBy} user={users.get(order.markedBy)} />
          </Item>
        )}
        {order.checkout?.url && (
          <Item label={t('drawer.fields.checkout')} wide>
            <span className="flex min-w-0 items-center gap-1">
              <span className="truncate font-mono text-xs" title={order.checkout.url}>
                {order.checkout.url}
              </span>
              <CopyButton value={order.checkout.url} size="icon-sm" className="size-6 shrink-0" />
            </span>
          </Item>
        )}
      </dl>
      {detail.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold">{t('drawer.providerDetail')}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-muted/50 p-3 font-mono text-xs">
            {detail.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-muted-foreground">{name}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
