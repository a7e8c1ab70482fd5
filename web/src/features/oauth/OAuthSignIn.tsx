import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert, buttonClasses } from '../../components/ui';
import { startUrl, useSignInProviders } from './oauth-api';
import { oauthErrorCode } from './oauth-error-code';

/** The `?oauth_error=` a failed provider callback came back with, translated. */
export function OAuthErrorBanner() {
  const { t } = useTranslation('oauth');
  const [params] = useSearchParams();
  const code = oauthErrorCode(params.get('oauth_error'));
  if (!code) return null;
  return (
    <Alert variant="danger" className="mb-4" title={t('errors.title')}>
      {t(`errors.${code}`)}
    </Alert>
  );
}

/** "Continue with GitHub" and the like: only the providers the operator enabled; nothing when none. */
export function OAuthSignIn() {
  const { t } = useTranslation('oauth');
  const providers = useSignInProviders();
  const list = providers.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <div className="mt-6 space-y-3" data-testid="oauth-sign-in">
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" />
        {t('signIn.divider')}
        <span className="h-px flex-1 bg-border" />
      </div>
      {list.map((provider) => (
        <a
          key={provider.provider}
          href={startUrl(provider.provider)}
          className={buttonClasses('outline', 'md', 'w-full')}
          data-provider={provider.provider}
        >
          {t('signIn.with', { name: provider.displayName })}
        </a>
      ))}
    </div>
  );
}
