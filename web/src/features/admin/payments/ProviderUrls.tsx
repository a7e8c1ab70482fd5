import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/ui';
import { providerUrls } from './payment-urls';
import type { PaymentMethod } from './types';

/** The addresses the provider must reach: its notification (webhook) URL and the browser's return URL. */
export function ProviderUrls({ method, baseUrl }: { method: PaymentMethod; baseUrl: string }) {
  const { t } = useTranslation('paymentsAdmin');
  const urls = providerUrls(baseUrl, method);
  const rows = [
    { label: t('providers.urls.notify'), value: urls.notifyUrl },
    { label: t('providers.urls.return'), value: urls.returnUrl },
  ];
  return (
    <section aria-label={t('providers.urls.title')} className="space-y-2 rounded-lg bg-muted/50 p-3">
      <h3 className="text-sm font-medium">{t('providers.urls.title')}</h3>
      <p className="text-xs text-muted-foreground">{t(`providers.urls.hint.${method}`)}</p>
      <dl className="space-y-1.5">
        {rows.map((row) => (
          <div key={row.label} className="flex flex-wrap items-center gap-x-2">
            <dt className="w-full text-xs text-muted-foreground sm:w-32">{row.label}</dt>
            <dd className="flex min-w-0 flex-1 items-center gap-1">
              <code className="min-w-0 truncate font-mono text-xs" title={row.value}>
                {row.value}
              </code>
              <CopyButton value={row.value} size="icon-sm" className="size-6 shrink-0" />
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted-foreground">{t('providers.urls.base')}</p>
    </section>
  );
}
