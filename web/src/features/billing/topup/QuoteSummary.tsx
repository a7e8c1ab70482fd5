import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Skeleton } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { formatPayAmount } from './order-status';
import { paymentErrorMessage } from './payment-errors';
import type { TopUpQuote } from './payment-types';

export interface QuoteSummaryProps {
  quote: TopUpQuote | undefined;
  loading: boolean;
  error: unknown;
  cnyFenPerUsd: number;
}

/** The server's quote: the credit the balance gains (bonus included) and the price to pay. */
export function QuoteSummary({ quote, loading, error, cnyFenPerUsd }: QuoteSummaryProps) {
  const { t, i18n } = useTranslation('payments');
  if (error) return <p className="text-sm text-destructive">{paymentErrorMessage(error)}</p>;
  if (!quote) {
    return loading ? <Skeleton className="h-20 w-full" /> : null;
  }
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';
  return (
    <dl
      className="grid grid-cols-2 gap-3 rounded-lg bg-muted/60 p-4 text-sm"
      aria-busy={loading}
      data-testid="topup-quote"
    >
      <div className="space-y-0.5">
        <dt className="text-xs text-muted-foreground">{t('quote.credit')}</dt>
        <dd data-testid="topup-credit">
          <MoneyText units={quote.creditAmount} digits={2} className="text-lg font-semibold" />
        </dd>
        {quote.bonusAmount > 0 && (
          <dd className="text-xs text-success" data-testid="topup-bonus">
            {t('quote.bonus', { bonus: formatMoney(quote.bonusAmount, { digits: 2 }) })}
          </dd>
        )}
      </div>
      <div className="space-y-0.5 text-right">
        <dt className="text-xs text-muted-foreground">{t('quote.price')}</dt>
        <dd className="text-lg font-semibold tabular-nums" data-testid="topup-price">
          {formatPayAmount(quote.payAmount, quote.currency, locale)}
        </dd>
        {quote.currency === 'CNY' && (
          <dd className="text-xs text-muted-foreground">
            {t('quote.rate', { rate: formatPayAmount(cnyFenPerUsd, 'CNY', locale) })}
          </dd>
        )}
      </div>
    </dl>
  );
}
