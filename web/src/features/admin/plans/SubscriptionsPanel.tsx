import { CalendarClock, SearchX } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Field,
  Select,
  Skeleton,
  useToast,
} from '../../../components/ui';
import {
  type Plan,
  SUBSCRIPTION_LIST_CAP,
  type Subscription,
  type SubscriptionStatus,
  useSubscriptions,
  useUpdateSubscription,
} from './api';
import { planErrorMessage } from './plan-errors';
import { SubscriptionCard } from './SubscriptionCard';
import { filterSubscriptions } from './subscription-filter';
import { type ChosenUser, UserSearch } from './UserSearch';

const STATUSES: SubscriptionStatus[] = ['active', 'expired', 'cancelled'];

/** The clock the countdowns read, ticking every 30 s. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface SubscriptionFilterState {
  user?: ChosenUser;
  planId?: string;
  status?: SubscriptionStatus;
}

export interface SubscriptionsPanelProps {
  plans: readonly Plan[];
  filter: SubscriptionFilterState;
  onFilterChange: (filter: SubscriptionFilterState) => void;
}

/** Subscriptions by user (server side), plan and status (here), each with its windows and history. */
export function SubscriptionsPanel({ plans, filter, onFilterChange }: SubscriptionsPanelProps) {
  const { t } = useTranslation(['plansAdmin', 'common']);
  const toast = useToast();
  const now = useNow();
  const list = useSubscriptions(filter.user?.id);
  const update = useUpdateSubscription();
  const [cancelling, setCancelling] = useState<Subscription>();
  const shown = filterSubscriptions(list.data ?? [], { planId: filter.planId, status: filter.status });
  const filtered = Boolean(filter.user || filter.planId || filter.status);

  const toggleAutoRenew = (subscription: Subscription) =>
    update.mutate(
      { id: subscription.id, body: { autoRenew: !subscription.autoRenew } },
      {
        onSuccess: (updated) =>
          toast.success(
            t('subscriptions.autoRenewChanged', {
              state: updated.autoRenew ? t('subscriptions.on') : t('subscriptions.off'),
            }),
          ),
        onError: (error) => toast.error(planErrorMessage(error)),
      },
    );

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('subscriptions.filters.user')}>
          <UserSearch value={filter.user} onChange={(user) => onFilterChange({ ...filter, user })} />
        </Field>
        <Field label={t('subscriptions.filters.plan')}>
          <Select
            value={filter.planId ?? ''}
            onChange={(event) => onFilterChange({ ...filter, planId: event.target.value || undefined })}
            placeholder={t('subscriptions.filters.allPlans')}
            options={plans.map((plan) => ({ value: plan.id, label: plan.name }))}
          />
        </Field>
        <Field label={t('subscriptions.filters.status')}>
          <Select
            value={filter.status ?? ''}
            onChange={(event) =>
              onFilterChange({ ...filter, status: (event.target.value || undefined) as SubscriptionStatus | undefined })
            }
            placeholder={t('subscriptions.filters.allStatuses')}
            options={STATUSES.map((status) => ({ value: status, label: t(`subscriptions.status.${status}`) }))}
          />
        </Field>
      </div>
      {!filter.user && list.data?.length === SUBSCRIPTION_LIST_CAP && (
        <Alert variant="info">{t('subscriptions.capped', { cap: SUBSCRIPTION_LIST_CAP })}</Alert>
      )}
      {list.isPending && (
        <div className="space-y-3">
          <Skeleton className="h-36 w-full" />
          <Skeleton className="h-36 w-full" />
        </div>
      )}
      {list.error && (
        <Card>
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </Card>
      )}
      {list.data && shown.length === 0 && (
        <Card>
          <EmptyState
            icon={filtered ? SearchX : CalendarClock}
            title={t('subscriptions.empty.title')}
            description={filtered ? t('subscriptions.empty.filtered') : t('subscriptions.empty.description')}
            action={
              filtered ? (
                <Button variant="outline" onClick={() => onFilterChange({})}>
                  {t('subscriptions.filters.clear')}
                </Button>
              ) : undefined
            }
          />
        </Card>
      )}
      <ul className="space-y-3" aria-label={t('subscriptions.listLabel')}>
        {shown.map((subscription) => (
          <li key={subscription.id}>
            <SubscriptionCard
              subscription={subscription}
              now={now}
              onToggleAutoRenew={toggleAutoRenew}
              onCancel={setCancelling}
            />
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={Boolean(cancelling)}
        onClose={() => setCancelling(undefined)}
        loading={update.isPending}
        danger
        title={t('subscriptions.cancelConfirm.title')}
        description={t('subscriptions.cancelConfirm.text', { plan: cancelling?.planName ?? '' })}
        confirmLabel={t('subscriptions.cancel')}
        onConfirm={() => {
          if (!cancelling) return;
          update.mutate(
            { id: cancelling.id, body: { status: 'cancelled' } },
            {
              onSuccess: () => {
                setCancelling(undefined);
                toast.success(t('subscriptions.cancelConfirm.done'));
              },
              onError: (error) => toast.error(planErrorMessage(error)),
            },
          );
        }}
      />
    </div>
  );
}
