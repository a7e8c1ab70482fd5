import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { BalanceCard } from './BalanceCard';
import { InviteCard } from './InviteCard';
import { LedgerCard } from './LedgerCard';
import { RedeemCard } from './RedeemCard';
import { OrderReturnBanner } from './topup/OrderReturnBanner';
import { OrdersCard } from './topup/OrdersCard';
import { TopUpCard } from './topup/TopUpCard';

export function BillingPage() {
  const { t } = useTranslation('billing');
  return (
    <>
      <PageHeader title={t('title')} description={t('subtitle')} />
      <div className="space-y-6">
        <OrderReturnBanner />
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
          <div className="space-y-6">
            <BalanceCard />
            <RedeemCard />
            <InviteCard />
          </div>
          <TopUpCard />
        </div>
        <OrdersCard />
        <LedgerCard />
      </div>
    </>
  );
}
