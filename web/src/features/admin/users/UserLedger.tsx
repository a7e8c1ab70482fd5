import { ScrollText } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Badge, type BadgeVariant, EmptyState, ErrorState, Pagination, Skeleton } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format';
import { ledgerReasonText } from '../../billing/ledger-reason';
import { type LedgerKind, useUserLedger } from './api';

const KIND_VARIANT: Record<LedgerKind, BadgeVariant> = {
  trial: 'info',
  topup: 'success',
  redeem: 'success',
  adjust: 'primary',
  charge: 'neutral',
  refund: 'warning',
  plan: 'warning',
  invite_reward: 'success',
};

/** The user's ledger, newest first; `highlight` marks (and scrolls to) one entry. */
export function UserLedger({ userId, highlight }: { userId: string; highlight?: string }) {
  const { t } = useTranslation('manage');
  const { t: tBilling } = useTranslation('billing');
  const ledger = useUserLedger(userId);
  const entries = ledger.data?.pages.flatMap((page) => page.data);

  useEffect(() => {
    if (!highlight || !entries) return;
    document.getElementById(`ledger-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [highlight, entries]);

  if (ledger.isPending) {
    return (
      <div className="space-y-2" aria-busy>
        {[0, 1, 2, 3].map((row) => (
          <Skeleton key={row} className="h-14 w-full" />
        ))}
      </div>
    );
  }
  if (ledger.error) return <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />;
  if (!entries?.length) {
    return (
      <EmptyState icon={ScrollText} title={t('users.ledger.emptyTitle')} description={t('users.ledger.emptyText')} />
    );
  }
  return (
    <div>
      <ul className="divide-y divide-border rounded-xl border border-border" aria-label={t('users.ledger.label')}>
        {entries.map((entry) => (
          <li
            key={entry.id}
            id={`ledger-${entry.id}`}
            className={cn(
              'flex items-start justify-between gap-3 px-3.5 py-3 text-sm',
              entry.id === highlight && 'bg-primary-soft/50',
            )}
            aria-current={entry.id === highlight || undefined}
          >
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant={KIND_VARIANT[entry.kind]}>{t(`users.ledger.kinds.${entry.kind}`)}</Badge>
                <span className="text-xs text-muted-foreground">{formatDateTime(entry.createdAt)}</span>
              </div>
              <p className="break-words text-foreground" title={entry.reason}>
                {ledgerReasonText(tBilling, entry) || '—'}
              </p>
              <p className="truncate font-mono text-xs text-muted-foreground">{entry.reference}</p>
            </div>
            <div className="shrink-0 text-right">
              <MoneyText units={entry.amount} signed colored />
              <p className="text-xs text-muted-foreground">
                {t('users.ledger.after')} <MoneyText units={entry.balanceAfter} className="font-normal" />
              </p>
            </div>
          </li>
        ))}
      </ul>
      <Pagination
        hasMore={Boolean(ledger.hasNextPage)}
        loading={ledger.isFetchingNextPage}
        onLoadMore={() => void ledger.fetchNextPage()}
      />
    </div>
  );
}
