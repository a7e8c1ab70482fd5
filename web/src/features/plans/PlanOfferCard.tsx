import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Badge, Button, Card, CardContent } from '../../components/ui';
import { currentLanguage } from '../../lib/i18n';
import { coversEverything, periodLabel, planAllowances } from './plan-format';
import type { Plan } from './plan-types';
import { formatWindowAmount, windowLocale } from './window-display';

/** A plan for sale: price per period, models covered, allowances per window, rate, overflow; Buy. */
export function PlanOfferCard({ plan, onBuy }: { plan: Plan; onBuy: (plan: Plan) => void }) {
  const { t } = useTranslation('plans');
  const period = periodLabel(plan.period);
  const allowances = planAllowances(plan);
  return (
    <Card className="flex flex-col" data-testid="plan-offer">
      <CardContent className="flex flex-1 flex-col gap-4">
        <div className="space-y-1">
          <h3 className="text-base font-semibold">{plan.name}</h3>
          {plan.description && <p className="text-sm text-muted-foreground">{plan.description}</p>}
        </div>
        <p className="flex items-baseline gap-1.5">
          <MoneyText units={plan.price} digits={2} className="text-3xl font-semibold tracking-tight" />
          <span className="text-sm text-muted-foreground">{t(`period.${period.key}`, { count: period.count })}</span>
        </p>
        <dl className="space-y-3 text-sm">
          <div className="space-y-1">
            <dt className="text-xs text-muted-foreground">{t('offer.models')}</dt>
            <dd className="flex flex-wrap gap-1.5">
              {coversEverything(plan.models) ? (
                <Badge variant="primary">{t('offer.allModels')}</Badge>
              ) : (
                plan.models.map((model) => (
                  <Badge key={model} variant="outline" className="font-mono">
                    {model}
                  </Badge>
                ))
              )}
            </dd>
          </div>
          <div className="space-y-1">
            <dt className="text-xs text-muted-foreground">{t('offer.allowances')}</dt>
            {allowances.length === 0 ? (
              <dd>{t('offer.unlimited')}</dd>
            ) : (
              allowances.map((allowance) => (
                <dd key={allowance.name} className="flex justify-between gap-3">
                  <span>{t(`windows.${allowance.name}`)}</span>
                  <span className="font-medium tabular-nums">
                    {t('offer.allowance', {
                      amount: formatWindowAmount(allowance.unit, allowance.limit, windowLocale(currentLanguage()), {
                        compact: true,
                      }),
                      unit: t(`units.${allowance.unit}`),
                    })}
                  </span>
                </dd>
              ))
            )}
          </div>
          <div className="flex justify-between gap-3">
            <dt className="text-muted-foreground">{t('offer.rate')}</dt>
            <dd className="font-medium tabular-nums">
              {plan.requestsPerMinute === null
                ? t('offer.noRate')
                : t('offer.perMinute', { count: plan.requestsPerMinute })}
            </dd>
          </div>
        </dl>
        <p className="flex items-start gap-2 text-sm text-muted-foreground">
          {plan.overflowToBalance ? (
            <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
          ) : (
            <X className="mt-0.5 size-4 shrink-0" aria-hidden />
          )}
          {plan.overflowToBalance ? t('offer.overflowYes') : t('offer.overflowNo')}
        </p>
        <Button className="mt-auto w-full" onClick={() => onBuy(plan)}>
          {t('offer.buy')}
        </Button>
      </CardContent>
    </Card>
  );
}
