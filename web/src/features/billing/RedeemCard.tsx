import { Gift } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, CardContent, Field, Input, useToast } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatMoney } from '../../lib/money';
import { useRedeem } from './billing-api';

const REDEEM_ERRORS = [
  'redemption_code_not_found',
  'redemption_code_used',
  'redemption_code_disabled',
  'redemption_code_expired',
  'redemption_code_busy',
] as const;

/** A redemption failure in the person's language (the code's own problems have billing texts). */
function redeemErrorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError && error.code && (REDEEM_ERRORS as readonly string[]).includes(error.code)) {
    return t(`redeem.errors.${error.code}`);
  }
  return errorMessage(error);
}

/** Type a code, get credit: the amount in a toast, the balance and ledger refreshed. */
export function RedeemCard() {
  const { t } = useTranslation('billing');
  const toast = useToast();
  const redeem = useRedeem();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) {
      setError(t('redeem.errors.required'));
      return;
    }
    setError(undefined);
    redeem.mutate(trimmed, {
      onSuccess: (result) => {
        setCode('');
        if (result.subscriptionId) {
          toast.success(t('redeem.planGranted'), t('redeem.planGrantedHint'));
          return;
        }
        toast.success(
          t('redeem.success', { amount: formatMoney(result.amount) }),
          t('redeem.successBalance', { balance: formatMoney(result.balance, { digits: 2 }) }),
        );
      },
      onError: (failure) => setError(redeemErrorMessage(failure, t as (key: string) => string)),
    });
  };

  return (
    <Card>
      <CardContent className="space-y-4">
        <div className="space-y-1">
          <div className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
            <Gift className="size-4" aria-hidden />
            <h2>{t('redeem.title')}</h2>
          </div>
          <p className="text-sm text-muted-foreground">{t('redeem.description')}</p>
        </div>
        <form onSubmit={submit} noValidate className="space-y-3">
          <Field label={t('redeem.code')} error={error}>
            <Input
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                if (error) setError(undefined);
              }}
              placeholder={t('redeem.placeholder')}
              className="font-mono"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={100}
            />
          </Field>
          <Button type="submit" loading={redeem.isPending} className="w-full sm:w-auto">
            {t('redeem.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
