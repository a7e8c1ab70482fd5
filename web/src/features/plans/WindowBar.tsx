import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatDateTime, formatRelative } from '../../lib/format';
import { formatAllowance } from './allowance-format';
import { windowFill, windowReset } from './plan-format';
import type { SubscriptionWindow } from './plan-types';

const TONES = { ok: 'bg-primary', warn: 'bg-warning', full: 'bg-destructive' } as const;

/** One window of a subscription: used of limit as a bar, and when it resets. */
export function WindowBar({ window, now = Date.now() }: { window: SubscriptionWindow; now?: number }) {
  const { t } = useTranslation('plans');
  const fill = windowFill(window);
  const reset = windowReset(window.resetsAt, now);
  const name = t(`windows.${window.name}`);
  const unit = t(`units.${window.unit}`);
  return (
    <div className="space-y-1.5" data-testid="window-bar" data-window={window.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-sm">
        <span className="font-medium">{name}</span>
        <span className="tabular-nums text-muted-foreground" data-testid="window-usage">
          {t('usage', {
            used: formatAllowance(window.unit, window.used),
            limit: formatAllowance(window.unit, window.limit),
            unit,
          })}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fill.percent}
        aria-valuetext={`${fill.percent}%`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn('h-full rounded-full transition-[width]', TONES[fill.tone])}
          style={{ width: `${fill.ratio * 100}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground">
        {window.reserved > 0 && (
          <span className="mr-2">{t('reserved', { amount: formatAllowance(window.unit, window.reserved) })}</span>
        )}
        {reset.kind === 'rolling' ? (
          t('reset.rolling')
        ) : (
          <span title={formatDateTime(reset.at)}>
            {t('reset.at', { relative: formatRelative(reset.at, now), absolute: formatDateTime(reset.at) })}
          </span>
        )}
      </p>
    </div>
  );
}
