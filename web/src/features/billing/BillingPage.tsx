import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { BalanceCard } from './BalanceCard';
import { LedgerCard } from './LedgerCard';
import { RedeemCard } from './RedeemCard';

export function BillingPage() {
  const { t } = useTranslation('billing');
  return (
    <>
      <PageHeader title={t('title')} description={t('subtitle')} />
      <div className="space-y-6">
        <div className="grid gap-6 md:grid-cols-2">
          <BalanceCard />
          <RedeemCard />
        </div>
        <LedgerCard />
      </div>
    </>
  );
}
