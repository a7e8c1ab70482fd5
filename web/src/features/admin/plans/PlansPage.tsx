import { Gift, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { Button, Card, ConfirmDialog, TabPanel, Tabs, useToast } from '../../../components/ui';
import { useSearchUpdate } from '../../../lib/use-search-update';
import {
  type Plan,
  SUBSCRIPTION_LIST_CAP,
  type SubscriptionStatus,
  usePlans,
  useSubscriptions,
  useUpdatePlan,
} from './api';
import { GrantDialog } from './GrantDialog';
import { PlanFormDrawer } from './PlanFormDrawer';
import { PlansTable } from './PlansTable';
import { planErrorMessage } from './plan-errors';
import { type SubscriptionFilterState, SubscriptionsPanel } from './SubscriptionsPanel';
import { activeSubscribers } from './subscription-filter';

type Tab = 'plans' | 'subscriptions';

/**
 * /admin/plans: the plans for sale (create, edit, archive) and the subscriptions users hold
 * (?tab=subscriptions&user=&plan=&status=: windows, history, grant, cancel, auto-renew).
 */
export function PlansPage() {
  const { t } = useTranslation(['plansAdmin', 'common']);
  const toast = useToast();
  const [params, update] = useSearchUpdate();
  const plans = usePlans();
  const everyone = useSubscriptions(undefined);
  const updatePlan = useUpdatePlan();
  const [editing, setEditing] = useState<Plan | 'new'>();
  const [archiving, setArchiving] = useState<Plan>();
  const [granting, setGranting] = useState<{ planId?: string } | undefined>();
  const tab: Tab = params.get('tab') === 'subscriptions' ? 'subscriptions' : 'plans';
  const userId = params.get('user');
  const filter: SubscriptionFilterState = {
    user: userId ? { id: userId, email: params.get('email') ?? userId } : undefined,
    planId: params.get('plan') ?? undefined,
    status: (params.get('status') as SubscriptionStatus | null) ?? undefined,
  };

  const setFilter = (next: SubscriptionFilterState) =>
    update({ user: next.user?.id, email: next.user?.email, plan: next.planId, status: next.status });

  const restore = (plan: Plan) =>
    updatePlan.mutate(
      { id: plan.id, body: { status: 'active' } },
      { onSuccess: () => toast.success(t('restored')), onError: (error) => toast.error(planErrorMessage(error)) },
    );

  const newButton = (
    <Button onClick={() => setEditing('new')}>
      <Plus />
      {t('newPlan')}
    </Button>
  );
  const grantButton = (
    <Button onClick={() => setGranting({})}>
      <Gift />
      {t('grantPlan')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={tab === 'plans' ? newButton : grantButton}
      />
      <Tabs<Tab>
        label={t('tabs.label')}
        value={tab}
        onChange={(next) => update({ tab: next === 'plans' ? undefined : next })}
        tabs={[
          { value: 'plans', label: t('tabs.plans') },
          { value: 'subscriptions', label: t('tabs.subscriptions') },
        ]}
      />
      <TabPanel>
        {tab === 'plans' ? (
          <Card>
            <PlansTable
              plans={plans.data}
              loading={plans.isPending}
              error={plans.error}
              onRetry={() => void plans.refetch()}
              subscribers={everyone.data ? activeSubscribers(everyone.data) : undefined}
              subscribersHint={t('subscribersHint', { cap: SUBSCRIPTION_LIST_CAP })}
              emptyAction={newButton}
              onEdit={setEditing}
              onArchive={setArchiving}
              onRestore={restore}
              onGrant={(plan) => setGranting({ planId: plan.id })}
              onShowSubscriptions={(plan) => update({ tab: 'subscriptions', plan: plan.id })}
            />
          </Card>
        ) : (
          <SubscriptionsPanel plans={plans.data ?? []} filter={filter} onFilterChange={setFilter} />
        )}
      </TabPanel>

      <PlanFormDrawer
        open={editing !== undefined}
        editing={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
      <GrantDialog
        open={granting !== undefined}
        onClose={() => setGranting(undefined)}
        plans={plans.data ?? []}
        initialPlanId={granting?.planId}
        initialUser={filter.user}
        onGranted={(user) =>
          update({ tab: 'subscriptions', user: user.id, email: user.email, plan: undefined, status: undefined })
        }
      />
      <ConfirmDialog
        open={Boolean(archiving)}
        onClose={() => setArchiving(undefined)}
        loading={updatePlan.isPending}
        danger
        title={t('archiveConfirm.title')}
        description={t('archiveConfirm.text', { name: archiving?.name ?? '' })}
        confirmLabel={t('actions.archive')}
        onConfirm={() => {
          if (!archiving) return;
          updatePlan.mutate(
            { id: archiving.id, body: { status: 'archived' } },
            {
              onSuccess: () => {
                setArchiving(undefined);
                toast.success(t('archiveConfirm.done'));
              },
              onError: (error) => toast.error(planErrorMessage(error)),
            },
          );
        }}
      />
    </>
  );
}
