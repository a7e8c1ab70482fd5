import { useTranslation } from 'react-i18next';
import { ErrorState, Skeleton } from '../../../components/ui';
import { useSettings } from '../settings/api';
import { useProviders } from './api';
import { ProviderForm } from './ProviderForm';
import { paymentBaseUrl } from './payment-urls';

/** The Providers tab: one form per payment method (Stripe, Alipay, EPay). */
export function ProvidersTab() {
  const { t } = useTranslation('paymentsAdmin');
  const providers = useProviders();
  const settings = useSettings();
  if (providers.isPending || settings.isPending) {
    return (
      <div className="space-y-6" aria-busy>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-64 w-full rounded-xl" />
        ))}
      </div>
    );
  }
  const error = providers.error ?? settings.error;
  if (error || !providers.data || !settings.data) {
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void providers.refetch();
          void settings.refetch();
        }}
      />
    );
  }
  const base = paymentBaseUrl(settings.data.publicBaseUrl, window.location.origin);
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted-foreground">{t('providers.intro')}</p>
      {providers.data.map((view) => (
        <ProviderForm key={view.method} view={view} settings={settings.data} baseUrl={base} />
      ))}
    </div>
  );
}
