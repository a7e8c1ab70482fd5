import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { usePlans } from '../plans/api';
import type { Batch } from './api';

/** What one code of a batch is worth: its credit, or the plan it grants (by name once plans load). */
export function BatchValue({ batch }: { batch: Pick<Batch, 'amount' | 'planId'> }) {
  const { t } = useTranslation('plansAdmin');
  const plans = usePlans();
  if (!batch.planId) return <MoneyText units={batch.amount} />;
  const name = plans.data?.find((plan) => plan.id === batch.planId)?.name ?? batch.planId;
  return <span className="font-medium">{t('redemption.planColumn', { plan: name })}</span>;
}
