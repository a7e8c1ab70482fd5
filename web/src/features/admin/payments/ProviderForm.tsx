import { CheckCircle2, CircleAlert } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, CardFooter, Switch, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { type Settings, useSaveSettings } from '../settings/api';
import { useUpdateProvider } from './api';
import { ProviderFieldInput } from './ProviderFieldInput';
import { ProviderUrls } from './ProviderUrls';
import { paymentErrorMessage } from './payment-errors';
import { methodName } from './payment-vocabulary';
import { draftFor, draftProblems, type ProviderDraft, providerUpdateBody } from './provider-form';
import { withMethod } from './topup-form';
import type { ProviderView } from './types';

/**
 * One provider's settings: offered to users or not (the top-up rules' enabled methods), its fields
 * (secrets write-only), and the URLs to register at the provider. Saves only what changed.
 */
export function ProviderForm({ view, settings, baseUrl }: { view: ProviderView; settings: Settings; baseUrl: string }) {
  const { t } = useTranslation('paymentsAdmin');
  const toast = useToast();
  const ids = useId();
  const update = useUpdateProvider(view.method);
  const saveSettings = useSaveSettings();
  const storedEnabled = settings.topUp.enabledMethods.includes(view.method);
  // undefined: follows the stored rules (also when the Top-up tab changes them).
  const [enabledChoice, setEnabled] = useState<boolean>();
  const enabled = enabledChoice ?? storedEnabled;
  const [draft, setDraft] = useState<ProviderDraft>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; message: string }>();

  const problems = draftProblems(view, draft);
  const body = providerUpdateBody(view, draft);
  const dirty = Object.keys(body.fields).length > 0 || enabled !== storedEnabled;
  const saving = update.isPending || saveSettings.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(undefined);
    if (Object.keys(problems).length > 0 || !dirty) return;
    try {
      if (Object.keys(body.fields).length > 0) await update.mutateAsync(body);
      if (enabled !== storedEnabled) {
        // The whole topUp object: the server fills a missing rule with its default.
        await saveSettings.mutateAsync({
          topUp: { ...settings.topUp, enabledMethods: withMethod(settings.topUp.enabledMethods, view.method, enabled) },
        });
      }
      setDraft({});
      setEnabled(undefined);
      setSubmitted(false);
      toast.success(t('providers.saved', { provider: methodName(view.method) }));
    } catch (error) {
      const field = error instanceof ApiError ? error.param?.replace(/^fields\./, '') : undefined;
      setServerError({ field, message: paymentErrorMessage(error) });
    }
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={methodName(view.method)}>
        <div className="flex flex-wrap items-start justify-between gap-3 px-5 pt-5">
          <div className="space-y-1">
            <h2 className="text-base font-semibold">{methodName(view.method)}</h2>
            {view.configured ? (
              <Badge variant="success">
                <CheckCircle2 className="size-3" aria-hidden />
                {t('providers.configured')}
              </Badge>
            ) : (
              <Badge variant="warning">
                <CircleAlert className="size-3" aria-hidden />
                {t('providers.notConfigured')}
              </Badge>
            )}
          </div>
          <div className="flex items-center gap-2">
            <label htmlFor={`${ids}-enabled`} className="cursor-pointer text-sm font-medium">
              {t('providers.enabled')}
            </label>
            <Switch id={`${ids}-enabled`} checked={enabled} onCheckedChange={setEnabled} />
          </div>
        </div>
        <div className="space-y-5 p-5">
          {!view.configured && view.problem && (
            <Alert variant="warning" title={t('providers.problem')}>
              <span className="font-mono text-xs">{view.problem}</span>
            </Alert>
          )}
          {enabled && !view.configured && <p className="text-xs text-warning">{t('providers.enabledNotConfigured')}</p>}
          <div className="grid gap-5 sm:grid-cols-2">
            {view.fields.map((field) => (
              <ProviderFieldInput
                key={field.name}
                method={view.method}
                field={field}
                draft={draftFor(draft, field.name)}
                onChange={(next) => setDraft((current) => ({ ...current, [field.name]: next }))}
                error={
                  serverError?.field === field.name
                    ? serverError.message
                    : submitted && problems[field.name]
                      ? t(`providers.problems.${problems[field.name]}`)
                      : undefined
                }
              />
            ))}
          </div>
          <ProviderUrls method={view.method} baseUrl={baseUrl} />
          {serverError && !serverError.field && <Alert variant="danger">{serverError.message}</Alert>}
        </div>
        <CardFooter>
          <Button
            variant="ghost"
            disabled={!dirty || saving}
            onClick={() => {
              setDraft({});
              setEnabled(undefined);
              setServerError(undefined);
              setSubmitted(false);
            }}
          >
            {t('providers.discard')}
          </Button>
          <Button type="submit" loading={saving} disabled={!dirty}>
            {t('providers.save', { provider: methodName(view.method) })}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
