import { CreditCard } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, CardContent, ErrorState, Skeleton } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { AmountChoice, type AmountSelection } from './AmountChoice';
import { BonusTiers } from './BonusTiers';
import { MethodChoice } from './MethodChoice';
import { formatPayAmount } from './order-status';
import { usePaymentOptions, useTopUpQuote } from './payment-api';
import type { PaymentMethod, PaymentOptions } from './payment-types';
import { QuoteSummary } from './QuoteSummary';
import { checkAmount, usablePresets } from './topup-amount';
import { useDebounced } from './useDebounced';
import { usePaymentHandoff } from './usePaymentHandoff';

function TopUpTitle() {
  const { t } = useTranslation('payments');
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
        <CreditCard className="size-4" aria-hidden />
        <h2>{t('topup.title')}</h2>
      </div>
      <p className="text-sm text-muted-foreground">{t('topup.description')}</p>
    </div>
  );
}

/** Buying credit: an amount, a method, the server's quote, then the provider. */
export function TopUpCard() {
  const options = usePaymentOptions();
  return (
    <Card data-testid="topup-card">
      <CardContent className="space-y-5">
        <TopUpTitle />
        {options.isPending ? (
          <div className="space-y-3">
            <Skeleton className="h-11 w-full" />
            <Skeleton className="h-20 w-full" />
          </div>
        ) : options.isError ? (
          <ErrorState error={options.error} onRetry={() => options.refetch()} retrying={options.isRefetching} />
        ) : options.data.methods.length === 0 ? (
          <NotAvailable />
        ) : (
          <TopUpForm options={options.data} />
        )}
      </CardContent>
    </Card>
  );
}

function NotAvailable() {
  const { t } = useTranslation('payments');
  return (
    <p className="rounded-lg bg-muted/60 p-4 text-sm text-muted-foreground" data-testid="topup-unavailable">
      {t('topup.unavailable')}
    </p>
  );
}

function TopUpForm({ options }: { options: PaymentOptions }) {
  const { t, i18n } = useTranslation('payments');
  const presets = usablePresets(options.presets, options.minAmount, options.maxAmount);
  const [selection, setSelection] = useState<AmountSelection>(() =>
    presets[0] !== undefined ? { kind: 'preset', units: presets[0] } : { kind: 'custom', text: '' },
  );
  const methods = useMemo(() => options.methods.map((choice) => choice.method), [options.methods]);
  const [method, setMethod] = useState<PaymentMethod | undefined>(methods[0]);
  useEffect(() => {
    if (method === undefined || !methods.includes(method)) setMethod(methods[0]);
  }, [method, methods]);

  const check =
    selection.kind === 'preset'
      ? ({ ok: true, units: selection.units } as const)
      : checkAmount(selection.text, options.minAmount, options.maxAmount);
  const amount = useDebounced(check.ok ? check.units : undefined, selection.kind === 'preset' ? 0 : 300);
  const quote = useTopUpQuote(method, amount);
  const current = quote.data && check.ok && quote.data.amount === check.units ? quote.data : undefined;
  const { pay, pending, dialog } = usePaymentHandoff();

  const customError =
    !check.ok && check.reason !== 'empty'
      ? t(`amount.errors.${check.reason}`, {
          min: formatMoney(options.minAmount),
          max: formatMoney(options.maxAmount),
        })
      : undefined;
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';

  return (
    <div className="space-y-5">
      <AmountChoice
        presets={presets}
        selection={selection}
        onChange={setSelection}
        customError={customError}
        minAmount={options.minAmount}
        maxAmount={options.maxAmount}
      />
      <BonusTiers tiers={options.bonusTiers} />
      <MethodChoice methods={methods} value={method} onChange={setMethod} />
      {check.ok && (
        <QuoteSummary
          quote={current ?? quote.data}
          loading={quote.isFetching || !current}
          error={quote.isError ? quote.error : undefined}
          cnyFenPerUsd={options.cnyFenPerUsd}
        />
      )}
      <Button
        className="w-full"
        size="lg"
        disabled={!current || !method}
        loading={pending}
        onClick={() => current && method && pay({ purpose: 'topup', method, amount: current.amount })}
      >
        {current
          ? t('topup.pay', { price: formatPayAmount(current.payAmount, current.currency, locale) })
          : t('topup.payIdle')}
      </Button>
      {dialog}
    </div>
  );
}
