import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui';
import { currentLanguage } from '../../../lib/i18n';
import { formatWindowAmount, type WindowUnit } from '../../plans/window-display';
import type { Plan, PlanPeriod, SubscriptionStatus } from './api';
import { ALLOWANCE_WINDOWS } from './plan-form';

export function localeTag(): string {
  return currentLanguage() === 'zh' ? 'zh-CN' : 'en-US';
}

/** `$1.50`, `12,345 tokens`, `60 requests`. */
export function useAmountText() {
  const { t } = useTranslation('plansAdmin');
  return (unit: WindowUnit, amount: number) => {
    const text = formatWindowAmount(unit, amount, localeTag(), { compact: unit === 'tokens' });
    if (unit === 'tokens') return t('units.tokensAmount', { amount: text });
    if (unit === 'requests') return t('units.requestsAmount', { amount: text });
    return text;
  };
}

/** "per month", "per 14 days". */
export function PeriodText({ period }: { period: PlanPeriod }) {
  const { t } = useTranslation('plansAdmin');
  if (period.kind === 'days') return <>{t('period.days', { count: period.days })}</>;
  return <>{t(`period.${period.kind}`)}</>;
}

/** One line per window ("5-hour: $1.50"), then the rate and the overflow flag. */
export function AllowanceList({ plan }: { plan: Plan }) {
  const { t } = useTranslation('plansAdmin');
  const amount = useAmountText();
  const lines = ALLOWANCE_WINDOWS.flatMap((window) => {
    const allowance = plan.allowances[window];
    return allowance ? [`${t(`windows.${window}`)}: ${amount(allowance.unit, allowance.limit)}`] : [];
  });
  return (
    <ul className="space-y-0.5 text-xs">
      {lines.length === 0 && <li className="text-muted-foreground">{t('terms.unlimited')}</li>}
      {lines.map((line) => (
        <li key={line} className="whitespace-nowrap tabular-nums">
          {line}
        </li>
      ))}
      {plan.requestsPerMinute !== null && (
        <li className="text-muted-foreground">{t('terms.rpm', { count: plan.requestsPerMinute })}</li>
      )}
      {plan.overflowToBalance && (
        <li>
          <Badge variant="info">{t('terms.overflow')}</Badge>
        </li>
      )}
    </ul>
  );
}

/** The first models as chips, then "+N more". */
export function ModelChips({ models, max = 3 }: { models: readonly string[]; max?: number }) {
  const { t } = useTranslation('plansAdmin');
  if (models.length === 1 && models[0] === '*') return <Badge variant="primary">{t('terms.allModels')}</Badge>;
  return (
    <div className="flex max-w-64 flex-wrap gap-1">
      {models.slice(0, max).map((model) => (
        <span key={model} className="truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs">
          {model}
        </span>
      ))}
      {models.length > max && (
        <span className="text-xs text-muted-foreground">{t('terms.moreModels', { count: models.length - max })}</span>
      )}
    </div>
  );
}

export function PlanStatusBadge({ status }: { status: Plan['status'] }) {
  const { t } = useTranslation('plansAdmin');
  return (
    <Badge variant={status === 'active' ? 'success' : 'neutral'} dot>
      {t(`status.${status}`)}
    </Badge>
  );
}

const SUBSCRIPTION_VARIANT = { active: 'success', expired: 'neutral', cancelled: 'danger' } as const;

export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation('plansAdmin');
  return (
    <Badge variant={SUBSCRIPTION_VARIANT[status]} dot>
      {t(`subscriptions.status.${status}`)}
    </Badge>
  );
}
