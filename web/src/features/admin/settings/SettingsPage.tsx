import { CreditCard, Gauge, ScrollText, UserPlus } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import {
  Alert,
  ConfirmDialog,
  ErrorState,
  Field,
  Input,
  Select,
  Skeleton,
  Switch,
  useToast,
} from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatMoney, parseMoney } from '../../../lib/money';
import { OAuthProvidersSettings } from '../../oauth/OAuthProvidersSettings';
import { type Settings, useSaveSettings, useSettings } from './api';
import {
  changedFields,
  draftOf,
  type FieldErrors,
  fieldKeyForParam,
  isDirty,
  parseDraft,
  type SettingsDraft,
  type Translate,
} from './form';
import { MailSettingsSection } from './MailSettingsSection';
import { ModelAliasesCard } from './ModelAliasesCard';
import { ModelLimitsEditor } from './ModelLimitsEditor';
import { RoutingSettingsCard } from './RoutingSettingsCard';
import { SaveBar } from './SaveBar';
import { SettingsSection, SwitchRow } from './SettingsSection';
import { SiteSettingsCard } from './SiteSettingsCard';

/** /admin/settings: the operator settings as one form with dirty tracking, a save bar and per-field errors. */
/** The log levels the console offers ('' keeps the level the server started with). */
const LOG_LEVEL_CHOICES: ReadonlyArray<SettingsDraft['logLevel']> = [
  '',
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
];

export function SettingsPage() {
  const { t } = useTranslation('manage');
  const settings = useSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {settings.isPending ? (
        <div className="space-y-6" aria-busy>
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} className="h-48 w-full rounded-xl" />
          ))}
        </div>
      ) : settings.error || !settings.data ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
      ) : (
        <div className="space-y-6">
          <SettingsForm stored={settings.data} />
          <ModelAliasesCard stored={settings.data} />
          <RoutingSettingsCard stored={settings.data} />
          <SiteSettingsCard stored={settings.data} />
          <MailSettingsSection stored={settings.data} />
        </div>
      )}
      <div className="mt-6">
        <OAuthProvidersSettings />
      </div>
    </>
  );
}

function SettingsForm({ stored }: { stored: Settings }) {
  const { t } = useTranslation(['manage', 'common']);
  const translate = t as unknown as Translate;
  const toast = useToast();
  const save = useSaveSettings();
  const ids = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(stored));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>();
  const dirty = isDirty(draft, stored, translate);

  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  // Leaving the page (a link, back) with unsaved changes asks first; so does closing the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // After a failed save, the first field in error gets the focus (and scrolls into view).
  const form = useRef<HTMLFormElement>(null);
  const focusFirstError = () =>
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const discard = () => {
    setDraft(draftOf(stored));
    setErrors({});
    setFormError(undefined);
  };

  const onSubmit = (event?: FormEvent) => {
    event?.preventDefault();
    const { value, errors: problems } = parseDraft(draft, translate);
    setErrors(problems);
    setFormError(undefined);
    if (Object.keys(problems).length > 0) {
      focusFirstError();
      return;
    }
    const patch = changedFields(value, stored);
    if (Object.keys(patch).length === 0) return;
    // Every field is sent, not only the changed ones: the server's PATCH schema
    // (settingsSchema.partial()) fills omitted fields with their defaults, so a partial body
    // would reset the other settings.
    save.mutate(value, {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        setErrors({});
        toast.success(t('settings.saved'), t('settings.savedText', { count: Object.keys(patch).length }));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.param) {
          setErrors({ [fieldKeyForParam(error.param, draft)]: errorMessage(error) });
          focusFirstError();
        } else {
          setFormError(error);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }
      },
    });
  };

  const trialUnits = parseMoney(draft.trialCredit);
  const overdraftUnits = parseMoney(draft.overdraft);
  const retention = Number(draft.logRetentionDays);

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-6 pb-24">
      {formError !== undefined && <Alert variant="danger">{errorMessage(formError)}</Alert>}

      <SettingsSection
        icon={UserPlus}
        title={t('settings.registration.title')}
        description={t('settings.registration.description')}
      >
        <SwitchRow
          id={`${ids}-registration`}
          label={t('settings.registration.open')}
          description={t('settings.registration.openHint')}
          control={
            <Switch
              id={`${ids}-registration`}
              checked={draft.registrationEnabled}
              onCheckedChange={(checked) => set('registrationEnabled', checked)}
            />
          }
        />
        {!draft.registrationEnabled && (
          <Alert variant="info">
            {t('settings.registration.closedNote')}{' '}
            <Link to="/admin/users" className="font-medium text-primary hover:underline">
              {t('settings.registration.closedLink')}
            </Link>
          </Alert>
        )}
        <SwitchRow
          id={`${ids}-require-admin-mfa`}
          label={t('settings.registration.requireAdminMfa')}
          description={t('settings.registration.requireAdminMfaHint')}
          control={
            <Switch
              id={`${ids}-require-admin-mfa`}
              checked={draft.requireAdminMfa}
              onCheckedChange={(checked) => set('requireAdminMfa', checked)}
            />
          }
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label={t('settings.registration.trialCredit')}
            hint={
              trialUnits !== undefined && trialUnits > 0
                ? t('settings.registration.trialHint', { amount: formatMoney(trialUnits) })
                : t('settings.registration.trialNone')
            }
            error={errors.trialCredit}
          >
            <Input
              inputMode="decimal"
              leading={<span className="text-sm">$</span>}
              value={draft.trialCredit}
              onChange={(event) => set('trialCredit', event.target.value)}
            />
          </Field>
          <Field
            className="sm:col-span-2"
            label={t('settings.registration.publicBaseUrl')}
            hint={t('settings.registration.publicBaseUrlHint', { origin: window.location.origin })}
            error={errors.publicBaseUrl}
            optional
          >
            <Input
              className="font-mono"
              spellCheck={false}
              inputMode="url"
              placeholder="https://ai.example.com"
              value={draft.publicBaseUrl}
              onChange={(event) => set('publicBaseUrl', event.target.value)}
            />
          </Field>
          {/* Emailed links never take the address a request names (a forged Host would steal the token). */}
          {draft.publicBaseUrl.trim() === '' && (
            <Alert variant="warning" className="sm:col-span-2">
              {t('settings.registration.publicBaseUrlUnset')}
            </Alert>
          )}
          <Field
            label={t('settings.registration.defaultGroup')}
            hint={t('settings.registration.defaultGroupHint')}
            error={errors.defaultGroup}
          >
            <Input
              className="font-mono"
              spellCheck={false}
              maxLength={64}
              value={draft.defaultGroup}
              onChange={(event) => set('defaultGroup', event.target.value)}
            />
          </Field>
        </div>
      </SettingsSection>

      <SettingsSection
        icon={CreditCard}
        title={t('settings.billing.title')}
        description={t('settings.billing.description')}
      >
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label={t('settings.billing.overdraft')}
            hint={
              overdraftUnits
                ? t('settings.billing.overdraftHint', { amount: formatMoney(-overdraftUnits) })
                : t('settings.billing.overdraftNone')
            }
            error={errors.overdraft}
          >
            <Input
              inputMode="decimal"
              leading={<span className="text-sm">$</span>}
              value={draft.overdraft}
              onChange={(event) => set('overdraft', event.target.value)}
            />
          </Field>
          <Field
            label={t('settings.billing.cacheHit')}
            hint={t('settings.billing.cacheHitHint')}
            error={errors.cacheHitChargePercent}
          >
            <Input
              inputMode="decimal"
              className="pr-8"
              trailing={<span className="pr-2 text-sm text-muted-foreground">%</span>}
              value={draft.cacheHitChargePercent}
              onChange={(event) => set('cacheHitChargePercent', event.target.value)}
            />
          </Field>
          <Field
            label={t('settings.billing.defaultMaxOutputTokens')}
            hint={t('settings.billing.defaultMaxOutputTokensHint')}
            error={errors.defaultMaxOutputTokens}
          >
            <Input
              inputMode="numeric"
              value={draft.defaultMaxOutputTokens}
              onChange={(event) => set('defaultMaxOutputTokens', event.target.value)}
            />
          </Field>
          <Field
            label={t('settings.billing.webSearchHoldCalls')}
            hint={t('settings.billing.webSearchHoldCallsHint')}
            error={errors.webSearchHoldCalls}
          >
            <Input
              inputMode="numeric"
              value={draft.webSearchHoldCalls}
              onChange={(event) => set('webSearchHoldCalls', event.target.value)}
            />
          </Field>
          <Field
            label={t('settings.billing.planTimezone')}
            hint={t('settings.billing.planTimezoneHint')}
            error={errors.planTimezone}
          >
            <Input value={draft.planTimezone} onChange={(event) => set('planTimezone', event.target.value)} />
          </Field>
        </div>
      </SettingsSection>

      <SettingsSection icon={ScrollText} title={t('settings.logs.title')} description={t('settings.logs.description')}>
        <Field
          label={t('settings.logs.retention')}
          hint={
            Number.isInteger(retention) && retention === 0
              ? t('settings.logs.retentionForever')
              : t('settings.logs.retentionHint', { count: Number.isInteger(retention) ? retention : 0 })
          }
          error={errors.logRetentionDays}
          className="sm:max-w-xs"
        >
          <Input
            inputMode="numeric"
            className="pr-14"
            trailing={<span className="pr-2 text-sm text-muted-foreground">{t('settings.logs.days')}</span>}
            value={draft.logRetentionDays}
            onChange={(event) => set('logRetentionDays', event.target.value)}
          />
        </Field>
        <Field
          label={t('settings.logs.responseRetention')}
          hint={t('settings.logs.responseRetentionHint')}
          error={errors.responseRetentionDays}
          className="sm:max-w-xs"
        >
          <Input
            inputMode="numeric"
            className="pr-14"
            trailing={<span className="pr-2 text-sm text-muted-foreground">{t('settings.logs.days')}</span>}
            value={draft.responseRetentionDays}
            onChange={(event) => set('responseRetentionDays', event.target.value)}
          />
        </Field>
        <SwitchRow
          id={`${ids}-mj-images`}
          label={t('settings.logs.midjourneyImageProxy')}
          description={t('settings.logs.midjourneyImageProxyHint')}
          control={
            <Switch
              id={`${ids}-mj-images`}
              checked={draft.midjourneyImageProxy}
              onCheckedChange={(checked) => set('midjourneyImageProxy', checked)}
            />
          }
        />
        <SwitchRow
          id={`${ids}-prompts`}
          label={t('settings.logs.promptLogging')}
          description={t('settings.logs.promptLoggingHint')}
          control={
            <Switch
              id={`${ids}-prompts`}
              checked={draft.promptLogging}
              onCheckedChange={(checked) => set('promptLogging', checked)}
            />
          }
        />
        {draft.promptLogging && (
          <Alert variant="warning" title={t('settings.logs.privacyTitle')}>
            {t('settings.logs.privacyText')}
          </Alert>
        )}
        <Field label={t('settings.logs.logLevel')} hint={t('settings.logs.logLevelHint')} className="sm:max-w-xs">
          <Select
            value={draft.logLevel}
            onChange={(event) => set('logLevel', event.target.value as SettingsDraft['logLevel'])}
            options={LOG_LEVEL_CHOICES.map((level) => ({
              value: level,
              label: t(`settings.logs.levels.${level || 'default'}`),
            }))}
          />
        </Field>
      </SettingsSection>

      <SettingsSection icon={Gauge} title={t('settings.limits.title')} description={t('settings.limits.description')}>
        <ModelLimitsEditor
          rows={draft.modelLimits}
          errors={errors}
          onChange={(rows) => {
            setDraft((current) => ({ ...current, modelLimits: rows }));
          }}
        />
        {errors.modelLimits && (
          <p className="text-xs text-destructive" role="alert">
            {errors.modelLimits}
          </p>
        )}
      </SettingsSection>

      <SaveBar dirty={dirty} saving={save.isPending} errorCount={Object.keys(errors).length} onDiscard={discard} />

      <ConfirmDialog
        open={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
        danger
        title={t('settings.leaveTitle')}
        description={t('settings.leaveText')}
        confirmLabel={t('settings.leave')}
      />
    </form>
  );
}
