import { Mail } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Field, Input, PasswordInput, Switch, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { currentLanguage } from '../../../lib/i18n';
import { type Settings, useSaveSettings } from './api';
import { type MailSettings, useMailStatus, useSaveMailSecrets, useSendTestMail } from './mail-api';
import { SettingsSection, SwitchRow } from './SettingsSection';

function mailDraftOf(settings: Settings): MailSettings {
  return {
    smtpUrl: settings.smtpUrl,
    smtpFrom: settings.smtpFrom,
    requireEmailVerification: settings.requireEmailVerification,
    turnstileEnabled: settings.turnstileEnabled,
    turnstileSiteKey: settings.turnstileSiteKey,
  };
}

/**
 * Email (SMTP server, password, From, verification) and the captcha: a card with its own save,
 * because the secrets go to their own write-only route. Secrets are typed, never shown.
 */
export function MailSettingsSection({ stored }: { stored: Settings }) {
  const { t } = useTranslation('mail');
  const ids = useId();
  const toast = useToast();
  const status = useMailStatus();
  const saveSettings = useSaveSettings();
  const saveSecrets = useSaveMailSecrets();
  const sendTest = useSendTestMail();
  const [draft, setDraft] = useState<MailSettings>(() => mailDraftOf(stored));
  const [smtpPassword, setSmtpPassword] = useState('');
  const [turnstileSecretKey, setTurnstileSecretKey] = useState('');
  const [testTo, setTestTo] = useState('');
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof MailSettings>(key: K, value: MailSettings[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const fieldError = (param: string) =>
    error instanceof ApiError && error.param === param ? errorMessage(error) : undefined;

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const saved = await saveSettings.mutateAsync(draft);
      setDraft(mailDraftOf(saved));
      const secrets = {
        ...(smtpPassword ? { smtpPassword } : {}),
        ...(turnstileSecretKey ? { turnstileSecretKey } : {}),
      };
      if (Object.keys(secrets).length > 0) await saveSecrets.mutateAsync(secrets);
      else await status.refetch();
      setSmtpPassword('');
      setTurnstileSecretKey('');
      toast.success(t('admin.saved'));
    } catch (caught) {
      setError(caught);
    }
  };

  const clearSecret = (name: 'smtpPassword' | 'turnstileSecretKey') =>
    saveSecrets.mutate({ [name]: null }, { onError: (caught) => setError(caught) });

  const mail = status.data?.mail;
  const turnstile = status.data?.turnstile;
  return (
    <form onSubmit={onSave} noValidate data-testid="mail-settings">
      <SettingsSection icon={Mail} title={t('admin.title')} description={t('admin.description')}>
        {error !== undefined && !fieldError('smtpUrl') && !fieldError('smtpFrom') && (
          <Alert variant="danger">{errorMessage(error)}</Alert>
        )}
        {mail &&
          (mail.configured && mail.problemCode === 'public_url_unset' ? (
            <Alert variant="warning">{t('admin.statusNoLinks')}</Alert>
          ) : mail.configured ? (
            <Alert variant="success">
              {t('admin.statusConfigured', {
                source: mail.source === 'console' ? t('admin.sourceConsole') : t('admin.sourceEnv'),
              })}
            </Alert>
          ) : (
            <Alert variant="warning">
              {t('admin.statusNotConfigured', {
                problem: mail.problemCode ? t(`admin.problems.${mail.problemCode}`) : (mail.problem ?? ''),
              })}
            </Alert>
          ))}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            className="sm:col-span-2"
            label={t('admin.smtpUrl')}
            hint={t('admin.smtpUrlHint')}
            error={fieldError('smtpUrl')}
            optional
          >
            <Input
              name="smtpUrl"
              className="font-mono"
              spellCheck={false}
              placeholder="smtp://user@mail.example.com:587"
              value={draft.smtpUrl}
              onChange={(event) => set('smtpUrl', event.target.value)}
            />
          </Field>
          <Field
            label={t('admin.smtpPassword')}
            hint={`${mail?.passwordSet ? t('admin.smtpPasswordSet') : t('admin.smtpPasswordNotSet')} ${t('admin.smtpPasswordHint')}`}
            labelAside={
              mail?.passwordSet ? (
                <Button type="button" variant="link" size="sm" onClick={() => clearSecret('smtpPassword')}>
                  {t('admin.clearPassword')}
                </Button>
              ) : undefined
            }
            optional
          >
            <PasswordInput
              name="smtpPassword"
              autoComplete="new-password"
              value={smtpPassword}
              onChange={(event) => setSmtpPassword(event.target.value)}
            />
          </Field>
          <Field label={t('admin.smtpFrom')} hint={t('admin.smtpFromHint')} error={fieldError('smtpFrom')} optional>
            <Input
              name="smtpFrom"
              spellCheck={false}
              placeholder="AIHub <noreply@example.com>"
              value={draft.smtpFrom}
              onChange={(event) => set('smtpFrom', event.target.value)}
            />
          </Field>
        </div>
        <SwitchRow
          id={`${ids}-verify`}
          label={t('admin.requireVerification')}
          description={t('admin.requireVerificationHint')}
          control={
            <Switch
              id={`${ids}-verify`}
              checked={draft.requireEmailVerification}
              onCheckedChange={(checked) => set('requireEmailVerification', checked)}
            />
          }
        />
        <div className="flex flex-wrap items-end gap-3">
          <Field className="min-w-60 flex-1" label={t('admin.testTo')}>
            <Input
              type="email"
              name="testTo"
              value={testTo}
              placeholder="you@example.com"
              onChange={(event) => setTestTo(event.target.value)}
            />
          </Field>
          <Button
            type="button"
            variant="outline"
            disabled={!testTo.trim() || !mail?.configured}
            loading={sendTest.isPending}
            onClick={() =>
              sendTest.mutate(
                { to: testTo.trim(), language: currentLanguage() },
                {
                  onSuccess: () => toast.success(t('admin.testSent', { to: testTo.trim() })),
                  onError: (caught) => toast.error(caught),
                },
              )
            }
          >
            {t('admin.testSend')}
          </Button>
        </div>
        <SwitchRow
          id={`${ids}-turnstile`}
          label={t('admin.turnstileEnabled')}
          description={t('admin.turnstileEnabledHint')}
          control={
            <Switch
              id={`${ids}-turnstile`}
              checked={draft.turnstileEnabled}
              onCheckedChange={(checked) => set('turnstileEnabled', checked)}
            />
          }
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={t('admin.turnstileSiteKey')} optional>
            <Input
              name="turnstileSiteKey"
              className="font-mono"
              spellCheck={false}
              value={draft.turnstileSiteKey}
              onChange={(event) => set('turnstileSiteKey', event.target.value)}
            />
          </Field>
          <Field
            label={t('admin.turnstileSecretKey')}
            hint={turnstile?.secretKeySet ? t('admin.turnstileSecretSet') : t('admin.turnstileSecretNotSet')}
            labelAside={
              turnstile?.secretKeySet ? (
                <Button type="button" variant="link" size="sm" onClick={() => clearSecret('turnstileSecretKey')}>
                  {t('admin.clearSecret')}
                </Button>
              ) : undefined
            }
            optional
          >
            <PasswordInput
              name="turnstileSecretKey"
              autoComplete="off"
              value={turnstileSecretKey}
              onChange={(event) => setTurnstileSecretKey(event.target.value)}
            />
          </Field>
        </div>
        {turnstile?.inForce && <p className="text-sm text-muted-foreground">{t('admin.turnstileInForce')}</p>}
        <div className="flex justify-end">
          <Button type="submit" loading={saveSettings.isPending || saveSecrets.isPending}>
            {t('admin.save')}
          </Button>
        </div>
      </SettingsSection>
    </form>
  );
}
