import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, CopyButton, Field, Input, PasswordInput, Switch } from '../../components/ui';
import { useToast } from '../../components/ui/Toast';
import { SettingsSection } from '../admin/settings/SettingsSection';
import {
  type AdminOAuthPatch,
  type AdminOAuthProvider,
  useAdminOAuthProviders,
  useSaveOAuthProvider,
} from './oauth-api';

/** The admin settings page's "Sign-in providers": one small form per provider, saved on its own. */
export function OAuthProvidersSettings() {
  const { t } = useTranslation('oauth');
  const providers = useAdminOAuthProviders();
  if (!providers.data) return null;
  return (
    <SettingsSection icon={KeyRound} title={t('admin.title')} description={t('admin.description')}>
      <div className="space-y-6" data-testid="oauth-providers-settings">
        {providers.data.data.map((provider) => (
          <ProviderForm key={`${provider.provider}:${JSON.stringify(provider.fields)}`} provider={provider} />
        ))}
      </div>
    </SettingsSection>
  );
}

function ProviderForm({ provider }: { provider: AdminOAuthProvider }) {
  const { t } = useTranslation('oauth');
  const toast = useToast();
  const save = useSaveOAuthProvider();
  const field = (name: string) => provider.fields.find((entry) => entry.name === name);
  const [enabled, setEnabled] = useState(provider.enabled || !provider.configured);
  const [clientId, setClientId] = useState(field('clientId')?.value ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [baseUrl, setBaseUrl] = useState(field('baseUrl')?.value ?? '');
  const [displayName, setDisplayName] = useState(field('displayName')?.value ?? '');
  const secret = field('clientSecret');
  const envNote = (name: string) => {
    const entry = field(name);
    return entry?.source === 'env' && entry.envName ? t('admin.fromEnv', { name: entry.envName }) : undefined;
  };
  const id = (name: string) => `oauth-${provider.provider}-${name}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Only what the console owns: a value shown from the environment is not copied into the database.
    const patch: AdminOAuthPatch = { enabled };
    if (field('clientId')?.source !== 'env' || clientId !== field('clientId')?.value) patch.clientId = clientId || null;
    if (clientSecret) patch.clientSecret = clientSecret;
    if (field('baseUrl')?.source !== 'env' || baseUrl !== field('baseUrl')?.value) patch.baseUrl = baseUrl || null;
    if (provider.provider === 'oidc') patch.displayName = displayName || null;
    save.mutate(
      { provider: provider.provider, patch },
      {
        onSuccess: (view) => toast.success(t('admin.saved', { name: view.displayName })),
        onError: (error) => toast.error(error),
      },
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-3 rounded-lg border border-border p-4"
      data-oauth-provider={provider.provider}
    >
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <h3 className="text-sm font-semibold">{provider.displayName}</h3>
          {!provider.configured && <Badge variant="neutral">{t('admin.notConfigured')}</Badge>}
        </div>
        <label className="flex items-center gap-2 text-sm" htmlFor={id('enabled')}>
          {t('admin.enabled')}
          <Switch id={id('enabled')} checked={enabled} onCheckedChange={setEnabled} aria-label={t('admin.enabled')} />
        </label>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('admin.clientId')} hint={envNote('clientId')}>
          <Input name={id('clientId')} value={clientId} onChange={(event) => setClientId(event.target.value)} />
        </Field>
        <Field label={t('admin.clientSecret')} hint={envNote('clientSecret')}>
          <PasswordInput
            name={id('clientSecret')}
            autoComplete="off"
            placeholder={secret?.source ? t('admin.secretKeep') : t('admin.secretUnset')}
            value={clientSecret}
            onChange={(event) => setClientSecret(event.target.value)}
          />
        </Field>
        <Field
          label={
            provider.provider === 'github' || provider.provider === 'linuxdo' ? t('admin.baseUrl') : t('admin.issuer')
          }
          hint={envNote('baseUrl')}
        >
          <Input
            name={id('baseUrl')}
            placeholder={provider.baseUrl ?? ''}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </Field>
        {provider.provider === 'oidc' && (
          <Field label={t('admin.displayName')} hint={envNote('displayName')}>
            <Input
              name={id('displayName')}
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
          </Field>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
          {t('admin.redirectUri')}: <span className="truncate font-mono">{provider.redirectUri}</span>
          <CopyButton value={provider.redirectUri} className="size-7" />
        </p>
        <Button type="submit" size="sm" loading={save.isPending}>
          {t('admin.save')}
        </Button>
      </div>
    </form>
  );
}
