import { Wallet } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Card, CardContent, ErrorState, Skeleton } from '../../components/ui';
import { useBalance } from './billing-api';

/** The balance, what requests in flight hold, and what is left to spend. */
export function BalanceCard() {
  const { t } = useTranslation('billing');
  const balance = useBalance();
  return (
    <Card>
      <CardContent className="space-y-5">
        <div className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          <Wallet className="size-4" aria-hidden />
          <h2>{t('balance.title')}</h2>
        </div>
        {balance.isPending ? (
          <div className="space-y-3">
            <Skeleton className="h-9 w-40" />
            <Skeleton className="h-4 w-56" />
          </div>
        ) : balance.isError ? (
          <ErrorState
            error={balance.error}
            onRetry={() => balance.refetch()}
            retrying={balance.isRefetching}
            className="py-4"
          />
        ) : (
          <>
            <p data-testid="billing-balance">
              <MoneyText
                units={balance.data.balance}
                digits={2}
                className={
                  balance.data.balance < 0
                    ? 'text-4xl font-semibold tracking-tight text-destructive'
                    : 'text-4xl font-semibold tracking-tight'
                }
              />
            </p>
            <dl className="grid grid-cols-2 gap-4 border-t border-border pt-4 text-sm">
              <div className="space-y-0.5">
                <dt className="text-xs text-muted-foreground">{t('balance.available')}</dt>
                <dd>
                  <MoneyText units={balance.data.available} digits={2} />
                </dd>
              </div>
              <div className="space-y-0.5">
                <dt className="text-xs text-muted-foreground">{t('balance.reserved')}</dt>
                <dd className="flex items-center gap-1.5">
                  <MoneyText units={balance.data.reserved} className="text-muted-foreground" />
                  {balance.data.reserved > 0 && (
                    <span className="relative flex size-2" aria-hidden>
                      <span className="absolute inline-flex size-full animate-ping rounded-full bg-info opacity-60" />
                      <span className="relative inline-flex size-2 rounded-full bg-info" />
                    </span>
                  )}
                </dd>
              </div>
            </dl>
            <p className="text-xs text-muted-foreground">
              {balance.data.reserved > 0 ? t('balance.reservedHint') : t('balance.hint')}
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}
