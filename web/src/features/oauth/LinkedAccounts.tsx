import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button, buttonClasses, Card, CardContent, CardHeader, ConfirmDialog } from '../../components/ui';
import { useToast } from '../../components/ui/Toast';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { OAuthErrorBanner } from './OAuthSignIn';
import { type LinkedIdentity, startUrl, useLinkedIdentities, useSignInProviders, useUnlinkIdentity } from './oauth-api';

/** Brand names, for identities whose provider is no longer offered (its button name is then unknown). */
const BRAND_NAMES: Record<string, string> = {
  github: 'GitHub',
  google: 'Google',
  oidc: 'OpenID Connect',
  linuxdo: 'LinuxDO',
};

/** The account page's "Linked accounts": the linked providers with unlink, and a link button per other enabled provider. */
export function LinkedAccounts() {
  const { t } = useTranslation('oauth');
  const toast = useToast();
  const identities = useLinkedIdentities();
  const providers = useSignInProviders();
  const unlink = useUnlinkIdentity();
  const [params, setParams] = useSearchParams();
  const [confirming, setConfirming] = useState<LinkedIdentity | undefined>();
  const nameOf = (provider: string) =>
    providers.data?.data.find((entry) => entry.provider === provider)?.displayName ?? BRAND_NAMES[provider] ?? provider;

  // Back from linking (`?oauth_linked=github`): one toast, named once the providers are known.
  const linkedNow = params.get('oauth_linked');
  const announced = useRef(false);
  useEffect(() => {
    if (!linkedNow || announced.current || providers.isPending) return;
    announced.current = true;
    toast.success(t('linked.linkedToast', { name: nameOf(linkedNow) }));
    setParams(
      (current) => {
        current.delete('oauth_linked');
        return current;
      },
      { replace: true },
    );
  });

  const linked = identities.data?.data ?? [];
  const linkable = (providers.data?.data ?? []).filter(
    (provider) => !linked.some((i) => i.provider === provider.provider),
  );
  if (linked.length === 0 && linkable.length === 0 && !params.get('oauth_error')) return null;

  return (
    <Card data-testid="linked-accounts">
      <CardHeader title={t('linked.title')} description={t('linked.description')} />
      <CardContent className="space-y-4">
        <OAuthErrorBanner />
        {linked.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('linked.none')}</p>
        ) : (
          <ul className="divide-y divide-border">
            {linked.map((identity) => (
              <li key={identity.id} className="flex items-center justify-between gap-3 py-2 first:pt-0 last:pb-0">
                <div className="min-w-0">
                  <p className="text-sm font-medium">{nameOf(identity.provider)}</p>
                  <p className="truncate text-xs text-muted-foreground">
                    {[identity.displayName, identity.email].filter(Boolean).join(' · ')}
                    {identity.displayName || identity.email ? ' · ' : ''}
                    {t('linked.since', { date: formatDate(identity.createdAt) })}
                  </p>
                </div>
                <Button variant="outline" size="sm" onClick={() => setConfirming(identity)}>
                  {t('linked.unlink')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {linkable.length > 0 && (
          <div className="flex flex-wrap gap-2">
            {linkable.map((provider) => (
              <a
                key={provider.provider}
                href={startUrl(provider.provider, true)}
                className={buttonClasses('outline', 'sm')}
                data-link-provider={provider.provider}
              >
                {t('linked.link', { name: provider.displayName })}
              </a>
            ))}
          </div>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
        danger
        loading={unlink.isPending}
        title={t('linked.confirmTitle', { name: confirming ? nameOf(confirming.provider) : '' })}
        description={t('linked.confirmText')}
        confirmLabel={t('linked.unlink')}
        onConfirm={() => {
          if (!confirming) return;
          unlink.mutate(confirming.id, {
            onSuccess: () => toast.success(t('linked.unlinkedToast')),
            onError: (error) =>
              error instanceof ApiError && error.code === 'last_sign_in_method'
                ? toast.error(t('linked.lastMethod'))
                : toast.error(error),
            onSettled: () => setConfirming(undefined),
          });
        }}
      />
    </Card>
  );
}
