import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatDuration, formatResetTime, msUntilReset, usedPercent, windowTone } from '../../plans/window-display';
import type { SubscriptionWindow } from './api';
import { localeTag, useAmountText } from './PlanTerms';

const TONE_CLASS = { normal: 'bg-primary', warning: 'bg-warning', exhausted: 'bg-destructive' } as const;

/** One window of a subscription: used of limit as a bar, what requests hold, and when it resets. */
export function WindowBar({ window, now }: { window: SubscriptionWindow; now: number }) {
  const { t } = useTranslation('plansAdmin');
  const amount = useAmountText();
  const percent = usedPercent(window);
  const untilReset = msUntilReset(window.resetsAt, now);
  const name = t(`windows.${window.name}`);
  const usedText = t('subscriptions.used', {
    used: amount(window.unit, window.used),
    limit: amount(window.unit, window.limit),
  });
  return (
    <div className="space-y-1" data-testid={`window-${window.name}`}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium">{name}</span>
        <span className="tabular-nums text-muted-foreground">{t('subscriptions.percent', { percent })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t('subscriptions.windowLabel', { window: name })}
        aria-valuemin={0}
        aria-valuemax={window.limit}
        aria-valuenow={Math.min(window.used, window.limit)}
        aria-valuetext={usedText}
        data-used={window.used}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn('h-full rounded-full transition-[width]', TONE_CLASS[windowTone(window)])}
          style={{ width: `${percent}%` }}
        />
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-xs text-muted-foreground">
        <span className="tabular-nums" data-testid="window-used">
          {usedText}
        </span>
        {untilReset === null || window.resetsAt === null ? (
          <span>{t('subscriptions.opensOnUse')}</span>
        ) : (
          <span
            data-testid="window-reset"
            data-resets-at={window.resetsAt}
            title={t('subscriptions.resetsAtTitle', { time: formatResetTime(window.resetsAt, localeTag()) })}
          >
            {t('subscriptions.resetsIn', { duration: formatDuration(untilReset, localeTag()) })}
          </span>
        )}
      </div>
      {window.reserved > 0 && (
        <p className="text-xs text-muted-foreground">
          {t('subscriptions.reserved', { amount: amount(window.unit, window.reserved) })}
        </p>
      )}
    </div>
  );
}
