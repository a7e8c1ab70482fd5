import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { TabPanel, Tabs } from '../../../components/ui';
import { EventsTab } from './EventsTab';
import { OrdersTab } from './OrdersTab';
import { ProvidersTab } from './ProvidersTab';
import { TopUpTab } from './TopUpTab';

const TABS = ['orders', 'events', 'providers', 'topup'] as const;
type Tab = (typeof TABS)[number];

/** /admin/payments: orders (?order= opens one), received notifications, provider settings, top-up rules (?tab=). */
export function PaymentsPage() {
  const { t } = useTranslation('paymentsAdmin');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'orders';

  const choose = (next: Tab) =>
    setParams(
      (current) => {
        const search = new URLSearchParams(current);
        if (next === 'orders') search.delete('tab');
        else search.set('tab', next);
        return search;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs<Tab>
        label={t('tabsLabel')}
        value={tab}
        onChange={choose}
        tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))}
      />
      <TabPanel className="pt-5">
        {tab === 'orders' && <OrdersTab />}
        {tab === 'events' && <EventsTab />}
        {tab === 'providers' && <ProvidersTab />}
        {tab === 'topup' && <TopUpTab />}
      </TabPanel>
    </>
  );
}
