import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Badge, ErrorState, Skeleton } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { ledgerReasonText } from '../../billing/ledger-reason';
import { useOrderLedger } from './api';
import { EventReason, OutcomeBadge } from './PaymentBadges';
import type { PaymentEvent, PaymentOrder } from './types';
import { UserName } from './UserName';
import { useUsersById } from './users-lookup';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <p className="rounded-lg border border-dashed border-border px-3 py-4 text-sm text-muted-foreground">{text}</p>
  );
}

/** What happened to an order: operators' marks (who, when, why), notifications with their verdicts, ledger entries. */
export function OrderHistory({ order, events }: { order: PaymentOrder; events: PaymentEvent[] }) {
  const { t } = useTranslation('paymentsAdmin');
  const { t: tBilling } = useTranslation('billing');
  const marks = events.filter((event) => event.kind === 'admin');
  const received = events.filter((event) => event.kind !== 'admin');
  const users = useUsersById(marks.flatMap((event) => (event.actor ? [event.actor] : [])));
  const ledger = useOrderLedger(order);

  return (
    <div className="space-y-6">
      <Section title={t('drawer.marks')}>
        {marks.length === 0 ? (
          <Empty text={t('drawer.noMarks')} />
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border">
            {marks.map((event) => (
              <li key={event.id} className="space-y-1 px-3.5 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <OutcomeBadge outcome={event.outcome} />
                  <span className="text-xs text-muted-foreground">{formatDateTime(event.createdAt)}</span>
                </div>
                <p className="break-words">{event.reason}</p>
                {event.actor && (
                  <div className="text-xs text-muted-foreground">
                    {t('drawer.markedByLabel')} <UserName id={event.actor} user={users.get(event.actor)} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('drawer.notifications')}>
        {received.length === 0 ? (
          <Empty text={t('drawer.noNotifications')} />
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border">
            {received.map((event) => (
              <li key={event.id} className="space-y-1 px-3.5 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <OutcomeBadge outcome={event.outcome} />
                  <Badge variant="outline">
                    {t(`kinds.${event.kind === 'webhook' || event.kind === 'return' ? event.kind : 'notify'}`)}
                  </Badge>
                  <span className="text-xs text-muted-foreground">{formatDateTime(event.createdAt)}</span>
                  {event.remoteAddress && (
                    <span className="font-mono text-xs text-muted-foreground">{event.remoteAddress}</span>
                  )}
                </div>
                <EventReason outcome={event.outcome} reason={event.reason} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('drawer.ledger')}>
        {ledger.isLoading ? (
          <Skeleton className="h-14 w-full" />
        ) : ledger.error ? (
          <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
        ) : !ledger.data?.length ? (
          <Empty text={t('drawer.noLedger')} />
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border">
            {ledger.data.map((entry) => (
              <li key={entry.id} className="flex items-start justify-between gap-3 px-3.5 py-3 text-sm">
                <div className="min-w-0 space-y-1">
                  <span className="text-xs text-muted-foreground">{formatDateTime(entry.createdAt)}</span>
                  <p className="break-words" title={entry.reason}>
                    {ledgerReasonText(tBilling, entry)}
                  </p>
                  <p className="truncate font-mono text-xs text-muted-foreground">{entry.id}</p>
                </div>
                <MoneyText units={entry.amount} signed colored />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
