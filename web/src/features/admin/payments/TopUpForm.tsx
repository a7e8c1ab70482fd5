import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, CardFooter, Field, Input, Switch, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { formatMoney } from '../../../lib/money';
import { useSaveSettings } from '../settings/api';
import { BonusTiersEditor } from './BonusTiersEditor';
import { paymentErrorMessage } from './payment-errors';
import { formatPayAmount, parseCnyPerUsd } from './payment-format';
import { methodName, PAYMENT_METHODS } from './payment-vocabulary';
import {
  isTopUpDirty,
  parseCredit,
  parseTopUpDraft,
  type TopUpDraft,
  type TopUpErrors,
  type TopUpRules,
  topUpDraftOf,
  topUpFieldForParam,
  withMethod,
} from './topup-form';
import type { ProviderView } from './types';

/** The top-up rules: methods offered, preset amounts, limits, bonus tiers, the CNY rate. */
export function TopUpForm({ stored, providers }: { stored: TopUpRules; providers: ProviderView[] }) {
  const { t } = useTranslation('paymentsAdmin');
  const toast = useToast();
  const save = useSaveSettings();
  const [draft, setDraft] = useState<TopUpDraft>(() => topUpDraftOf(stored));
  const [errors, setErrors] = useState<TopUpErrors>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const dirty = isTopUpDirty(draft, stored);

  const set = <K extends keyof TopUpDraft>(key: K, value: TopUpDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setServerErrors({});
  };
  const message = (key: string) => serverErrors[key] ?? (errors[key] ? t(`topUp.errors.${errors[key]}`) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { value, errors: problems } = parseTopUpDraft(draft);
    setErrors(problems);
    setServerErrors({});
    setFormError(undefined);
    if (Object.keys(problems).length > 0) return;
    save.mutate(
      { topUp: value },
      {
        onSuccess: () => toast.success(t('topUp.saved')),
        onError: (error) => {
          const text = paymentErrorMessage(error);
          if (error instanceof ApiError && error.param?.startsWith('topUp')) {
            setServerErrors({ [topUpFieldForParam(error.param, draft)]: text });
          } else setFormError(text);
        },
      },
    );
  };

  const rate = parseCnyPerUsd(draft.cnyPerUsd);
  const ten = 10_000_000;
  const presetsPreview = draft.presets
    .split(/[\s,，]+/)
    .filter(Boolean)
    .map(parseCredit);

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={t('topUp.title')}>
        <div className="space-y-6 p-5">
          {formError && <Alert variant="danger">{formError}</Alert>}
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium">{t('topUp.methods')}</legend>
            <p className="text-xs text-muted-foreground">{t('topUp.methodsHint')}</p>
            <div className="grid gap-2 sm:grid-cols-3">
              {PAYMENT_METHODS.map((method) => {
                const on = draft.enabledMethods.includes(method);
                const configured = providers.find((view) => view.method === method)?.configured;
                return (
                  <div
                    key={method}
                    className="flex items-center justify-between gap-3 rounded-lg border border-border px-3 py-2"
                  >
                    <div>
                      <p className="text-sm font-medium">{methodName(method)}</p>
                      <p className={configured ? 'text-xs text-muted-foreground' : 'text-xs text-warning'}>
                        {configured ? t('providers.configured') : t('providers.notConfigured')}
                        {on && ` · ${t('topUp.position', { n: draft.enabledMethods.indexOf(method) + 1 })}`}
                      </p>
                    </div>
                    <Switch
                      aria-label={t('topUp.offer', { method: methodName(method) })}
                      checked={on}
                      onCheckedChange={(checked) =>
                        set('enabledMethods', withMethod(draft.enabledMethods, method, checked))
                      }
                    />
                  </div>
                );
              })}
            </div>
          </fieldset>

          <Field label={t('topUp.presets')} hint={t('topUp.presetsHint')} error={message('presets')}>
            <Input value={draft.presets} onChange={(event) => set('presets', event.target.value)} inputMode="decimal" />
          </Field>
          {presetsPreview.length > 0 && presetsPreview.every((units) => units !== undefined) && (
            <div className="-mt-3 flex flex-wrap gap-1.5" aria-hidden>
              {presetsPreview.map((units, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a preview of the text, in its order.
                <span key={index} className="rounded-md bg-muted px-2 py-0.5 text-xs tabular-nums">
                  {formatMoney(units ?? 0)}
                </span>
              ))}
            </div>
          )}

          <div className="grid gap-5 sm:grid-cols-3">
            <Field label={t('topUp.min')} error={message('minAmount')}>
              <Input
                leading="$"
                value={draft.minAmount}
                inputMode="decimal"
                onChange={(event) => set('minAmount', event.target.value)}
              />
            </Field>
            <Field label={t('topUp.max')} error={message('maxAmount')}>
              <Input
                leading="$"
                value={draft.maxAmount}
                inputMode="decimal"
                onChange={(event) => set('maxAmount', event.target.value)}
              />
            </Field>
            <Field
              label={t('topUp.rate')}
              error={message('cnyPerUsd')}
              hint={
                rate
                  ? t('topUp.rateExample', { pay: formatPayAmount(Math.ceil((ten / 1e6) * rate), 'CNY') })
                  : undefined
              }
            >
              <Input
                leading="¥"
                value={draft.cnyPerUsd}
                inputMode="decimal"
                onChange={(event) => set('cnyPerUsd', event.target.value)}
              />
            </Field>
          </div>

          <BonusTiersEditor rows={draft.bonusTiers} onChange={(rows) => set('bonusTiers', rows)} message={message} />
        </div>
        <CardFooter>
          <Button
            variant="ghost"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDraft(topUpDraftOf(stored));
              setErrors({});
              setServerErrors({});
              setFormError(undefined);
            }}
          >
            {t('providers.discard')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!dirty}>
            {t('topUp.save')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
