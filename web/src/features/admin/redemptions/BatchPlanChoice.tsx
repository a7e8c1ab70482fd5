import { useTranslation } from 'react-i18next';
import { Field, SegmentedControl, Select } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import type { Plan } from '../plans/api';

export type BatchGrant = 'credit' | 'plan';

export interface BatchPlanChoiceProps {
  grant: BatchGrant;
  onGrantChange: (grant: BatchGrant) => void;
  planId: string;
  onPlanChange: (planId: string) => void;
  /** Plans on sale (archived ones cannot be chosen). */
  plans: readonly Plan[];
  error?: string;
}

/** What each code of a batch grants: credit (the amount field) or one period of a plan. */
export function BatchPlanChoice({ grant, onGrantChange, planId, onPlanChange, plans, error }: BatchPlanChoiceProps) {
  const { t } = useTranslation('plansAdmin');
  const onSale = plans.filter((plan) => plan.status === 'active');
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <p className="text-sm font-medium">{t('redemption.grants')}</p>
        <SegmentedControl<BatchGrant>
          label={t('redemption.grants')}
          value={grant}
          onChange={onGrantChange}
          options={[
            { value: 'credit', label: t('redemption.credit') },
            { value: 'plan', label: t('redemption.plan') },
          ]}
        />
      </div>
      {grant === 'plan' && (
        <Field
          label={t('grant.plan')}
          hint={onSale.length === 0 ? t('redemption.noPlans') : t('redemption.planHint')}
          error={error}
          required
        >
          <Select
            value={planId}
            onChange={(event) => onPlanChange(event.target.value)}
            placeholder={t('redemption.choosePlan')}
            options={onSale.map((plan) => ({ value: plan.id, label: `${plan.name} (${formatMoney(plan.price)})` }))}
          />
        </Field>
      )}
    </div>
  );
}
