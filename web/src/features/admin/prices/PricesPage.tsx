import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ui';
import { usePriceRules } from './api';
import { CatalogCard } from './CatalogCard';
import { ModelRulesCard } from './ModelRulesCard';
import { MultipliersCard } from './MultipliersCard';

/**
 * /admin/prices: what users pay. Multipliers (global, per group) and per-model rules are shown as
 * percentages and dollars and sent as ppm and units; the catalog card manages official prices.
 */
export function PricesPage() {
  const { t } = useTranslation('manage');
  const rules = usePriceRules();
  return (
    <>
      <PageHeader title={t('prices.title')} description={t('prices.description')} />
      {rules.error ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
      ) : (
        <div className="space-y-6">
          <MultipliersCard rules={rules.data} loading={rules.isPending} />
          {rules.data && <ModelRulesCard rules={rules.data} />}
          <CatalogCard />
        </div>
      )}
    </>
  );
}
