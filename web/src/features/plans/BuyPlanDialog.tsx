import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Alert, Button, Dialog, Field, Switch, useToast } from '../../components/ui';
import { MethodChoice } from '../billing/topup/MethodChoice';
import { formatPayAmount } from '../billing/topup/order-status';
import { usePaymentOptions } from '../billing/topup/payment-api';
import { paymentErrorMessage } from '../billing/topup/payment-errors';
import type { CreateOrderRequest, PaymentMethod } from '../billing/topup/payment-types';
import { periodLabel } from './plan-format';
import type { Plan } from './plan-types';
import { usePurchaseWithBalance } from './plans-api';

export interface BuyPlanDialogProps {
  plan: Plan | null;
  onClose: () => void;
  /** The shared payment handoff (usePaymentHandoff's `pay`), owned by the page so its QR dialog outlives this one. */
  pay: (body: CreateOrderRequest) => void;
  paying: boolean;
}

type Choice = PaymentMethod | 'balance';

/** Buy a plan: from the balance (optionally renewing), or through a payment provider. */
export function BuyPlanDialog({ plan, onClose, pay, paying }: BuyPlanDialogProps) {
  const { t, i18n } = useTranslation('plans');
  const toast = useToast();
  const options = usePaymentOptions();
  const purchase = usePurchaseWithBalance();
  const methods = options.data?.methods ?? [];
  const choices: Choice[] = [...methods.map((choice) => choice.method), 'balance'];
  const [choice, setChoice] = useState<Choice | undefined>();
  const [autoRenew, setAutoRenew] = useState(false);

  useEffect(() => {
    if (plan) {
      setChoice(undefined);
      setAutoRenew(false);
      purchase.reset();
    }
  }, [plan, purchase.reset]);

  if (!plan) return null;
  const selected = choice ?? choices[0];
  const currency = methods.find((entry) => entry.method === selected)?.currency;
  const period = periodLabel(plan.period);
  const locale = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';

  const confirm = () => {
    if (!selected) return;
    if (selected === 'balance') {
      purchase.mutate(
        { planId: plan.id, autoRenew },
        {
          onSuccess: () => {
            toast.success(t('buy.bought', { name: plan.name }));
            onClose();
          },
        },
      );
      return;
    }
    pay({ purpose: 'plan', method: selected, planId: plan.id });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('buy.title', { name: plan.name })}
      description={t('buy.description')}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            {t('buy.cancel')}
          </Button>
          <Button onClick={confirm} loading={purchase.isPending || paying} disabled={!selected}>
            {selected === 'balance' ? t('buy.payBalance') : t('buy.payProvider')}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <p className="flex items-baseline gap-1.5">
          <MoneyText units={plan.price} digits={2} className="text-2xl font-semibold" />
          <span className="text-sm text-muted-foreground">{t(`period.${period.key}`, { count: period.count })}</span>
        </p>
        <MethodChoice methods={choices} value={selected} onChange={setChoice} />
        {currency === 'CNY' && options.data && (
          <p className="text-xs text-muted-foreground">
            {t('buy.cnyNote', { rate: formatPayAmount(options.data.cnyFenPerUsd, 'CNY', locale) })}
          </p>
        )}
        {selected === 'balance' && (
          <Field label={t('buy.autoRenew')} hint={t('buy.autoRenewHint')}>
            <Switch checked={autoRenew} onCheckedChange={setAutoRenew} />
          </Field>
        )}
        {purchase.isError && <Alert variant="danger">{paymentErrorMessage(purchase.error)}</Alert>}
      </div>
    </Dialog>
  );
}
