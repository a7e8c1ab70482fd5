import { Gift } from 'lucide-react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Dialog, Field, FormFooter, Select, Switch, Textarea, useToast } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { SwitchRow } from '../settings/SettingsSection';
import { type Plan, useGrantPlan } from './api';
import { planErrorMessage } from './plan-errors';
import { type ChosenUser, UserSearch } from './UserSearch';

export interface GrantDialogProps {
  open: boolean;
  onClose: () => void;
  plans: readonly Plan[];
  /** Pre-chosen plan and user (from a plan's menu, or the user filter). */
  initialPlanId?: string;
  initialUser?: ChosenUser;
  onGranted?: (user: ChosenUser) => void;
}

/** POST /api/admin/subscriptions: one free period of an active plan for a user, with an optional note. */
export function GrantDialog({ open, onClose, plans, initialPlanId, initialUser, onGranted }: GrantDialogProps) {
  const { t } = useTranslation(['plansAdmin', 'common']);
  const toast = useToast();
  const grant = useGrantPlan();
  const formId = useId();
  const [user, setUser] = useState<ChosenUser>();
  const [planId, setPlanId] = useState('');
  const [autoRenew, setAutoRenew] = useState(false);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ user?: string; plan?: string }>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reopened dialog starts from its initial choice.
  useEffect(() => {
    if (!open) return;
    setUser(initialUser);
    setPlanId(initialPlanId ?? '');
    setAutoRenew(false);
    setNote('');
    setProblems({});
    grant.reset();
  }, [open]);

  const onSale = plans.filter((plan) => plan.status === 'active');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      user: user ? undefined : t('grant.errors.user'),
      plan: planId ? undefined : t('grant.errors.plan'),
    };
    setProblems(next);
    if (!user || !planId) return;
    grant.mutate(
      { userId: user.id, planId, autoRenew, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (subscription) => {
          toast.success(t('grant.done', { plan: subscription.planName, user: user.email }));
          onGranted?.(user);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={grant.isPending ? () => {} : onClose}
      title={t('grant.title')}
      description={t('grant.description')}
      footer={
        <FormFooter
          formId="grant-plan"
          saving={grant.isPending}
          onCancel={onClose}
          submit={
            <>
              {!grant.isPending && <Gift />}
              {t('grant.submit')}
            </>
          }
        />
      }
    >
      <form id="grant-plan" className="space-y-4" onSubmit={onSubmit} noValidate>
        {grant.error && <Alert variant="danger">{planErrorMessage(grant.error)}</Alert>}
        <Field label={t('grant.user')} error={problems.user} required>
          <UserSearch value={user} onChange={setUser} />
        </Field>
        <Field label={t('grant.plan')} error={problems.plan} required>
          <Select
            value={planId}
            onChange={(event) => setPlanId(event.target.value)}
            placeholder={t('grant.choosePlan')}
            options={onSale.map((plan) => ({ value: plan.id, label: `${plan.name} (${formatMoney(plan.price)})` }))}
          />
        </Field>
        <SwitchRow
          id={`${formId}-renew`}
          label={t('grant.autoRenew')}
          description={t('grant.autoRenewHint')}
          control={<Switch id={`${formId}-renew`} checked={autoRenew} onCheckedChange={setAutoRenew} />}
        />
        <Field label={t('grant.note')} hint={t('grant.noteHint')} optional>
          <Textarea value={note} maxLength={500} rows={2} onChange={(event) => setNote(event.target.value)} />
        </Field>
      </form>
    </Dialog>
  );
}
