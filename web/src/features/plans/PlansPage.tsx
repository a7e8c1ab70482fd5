import { Layers, PackageOpen } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui';
import { usePaymentHandoff } from '../billing/topup/usePaymentHandoff';
import { BuyPlanDialog } from './BuyPlanDialog';
import { PlanOfferCard } from './PlanOfferCard';
import type { Plan } from './plan-types';
import { usePlans, useSubscriptions } from './plans-api';
import { SubscriptionCard } from './SubscriptionCard';

/** Plans for users: what they have (windows, reset times, history) and what they can buy. */
export function PlansPage() {
  const { t } = useTranslation('plans');
  const [buying, setBuying] = useState<Plan | null>(null);
  const { pay, pending, dialog } = usePaymentHandoff();
  return (
    <>
      <PageHeader title={t('title')} description={t('subtitle')} />
      <div className="space-y-8">
        <section className="space-y-3" aria-labelledby="my-subscriptions">
          <h2 id="my-subscriptions" className="text-base font-semibold">
            {t('mine.title')}
          </h2>
          <MySubscriptions />
        </section>
        <section className="space-y-3" aria-labelledby="plans-for-sale">
          <h2 id="plans-for-sale" className="text-base font-semibold">
            {t('offers.title')}
          </h2>
          <PlanOffers onBuy={setBuying} />
        </section>
      </div>
      <BuyPlanDialog
        plan={buying}
        onClose={() => setBuying(null)}
        paying={pending}
        pay={(body) => {
          setBuying(null);
          pay(body);
        }}
      />
      {dialog}
    </>
  );
}

function MySubscriptions() {
  const { t } = useTranslation('plans');
  const subscriptions = useSubscriptions();
  if (subscriptions.isPending) return <Skeleton className="h-40 w-full" />;
  if (subscriptions.isError) {
    return (
      <ErrorState
        error={subscriptions.error}
        onRetry={() => subscriptions.refetch()}
        retrying={subscriptions.isRefetching}
      />
    );
  }
  const list = subscriptions.data.subscriptions;
  if (list.length === 0) {
    return (
      <EmptyState
        icon={Layers}
        title={t('mine.emptyTitle')}
        description={t('mine.emptyText')}
        action={
          <Link to="/billing" className="text-sm text-primary underline-offset-4 hover:underline">
            {t('mine.redeem')}
          </Link>
        }
        className="rounded-xl border border-dashed border-border"
      />
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {list.map((subscription) => (
        <SubscriptionCard key={subscription.id} subscription={subscription} />
      ))}
    </div>
  );
}

function PlanOffers({ onBuy }: { onBuy: (plan: Plan) => void }) {
  const { t } = useTranslation('plans');
  const plans = usePlans();
  if (plans.isPending) return <Skeleton className="h-64 w-full" />;
  if (plans.isError) {
    return <ErrorState error={plans.error} onRetry={() => plans.refetch()} retrying={plans.isRefetching} />;
  }
  if (plans.data.plans.length === 0) {
    return (
      <EmptyState
        icon={PackageOpen}
        title={t('offers.emptyTitle')}
        description={t('offers.emptyText')}
        className="rounded-xl border border-dashed border-border"
      />
    );
  }
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {plans.data.plans.map((plan) => (
        <PlanOfferCard key={plan.id} plan={plan} onBuy={onBuy} />
      ))}
    </div>
  );
}
