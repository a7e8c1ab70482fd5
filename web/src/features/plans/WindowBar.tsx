import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { currentLanguage } from '../../lib/i18n';
import {
  barSegments,
  formatDuration,
  formatResetTime,
  formatWindowAmount,
  msUntilReset,
  usedPercent,
  type WindowName,
  type WindowNumbers,
  windowLocale,
  windowTone,
} from './window-display';

const TONE_CLASS = { normal: 'bg-primary', warning: 'bg-warning', exhausted: 'bg-destructive' } as const;
const HELD_CLASS = { normal: 'bg-primary/35', warning: 'bg-warning/35', exhausted: 'bg-destructive/35' } as const;

export interface WindowBarProps {
  window: WindowNumbers & { name: WindowName };
  /** Unix ms; the reset countdown is counted from it. */
  now?: number;
}

/**
 * One window of a subscription, the same on the user's /plans and the operator's /admin/plans:
 * the share used (solid) and what requests in flight hold (lighter, after it), used of limit,
 * and when it resets (relative, the absolute time as the title) or that the next request opens it.
 */
export function WindowBar({ window, now = Date.now() }: WindowBarProps) {
  const { t } = useTranslation('plans');
  const locale = windowLocale(currentLanguage());
  const amount = (value: number) => formatWindowAmount(window.unit, value, locale, { compact: true });
  const name = t(`windows.${window.name}`);
  const percent = usedPercent(window);
  const tone = windowTone(window);
  const segments = barSegments(window);
  const untilReset = msUntilReset(window.resetsAt, now);
  const usage = t('usage', { used: amount(window.used), limit: amount(window.limit), unit: t(`units.${window.unit}`) });
  return (
    <div
      className="space-y-1.5"
      data-testid="window-bar"
      data-window={window.name}
      data-used={window.used}
      data-reserved={window.reserved}
      data-limit={window.limit}
      data-resets-at={window.resetsAt ?? ''}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-sm">
        <span className="font-medium">{name}</span>
        <span className="tabular-nums text-muted-foreground" data-testid="window-percent">
          {t('percent', { percent })}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={window.limit}
        aria-valuenow={Math.min(window.used, window.limit)}
        aria-valuetext={usage}
        className="flex h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn('h-full transition-[width]', TONE_CLASS[tone])}
          style={{ width: `${segments.used * 100}%` }}
        />
        {segments.held > 0 && (
          <div
            className={cn('h-full transition-[width]', HELD_CLASS[tone])}
            style={{ width: `${segments.held * 100}%` }}
            data-testid="window-held"
          />
        )}
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
        <span className="tabular-nums" data-testid="window-usage">
          {usage}
        </span>
        {untilReset === null || window.resetsAt === null ? (
          <span data-testid="window-reset">{t('reset.rolling')}</span>
        ) : (
          <span data-testid="window-reset" title={t('reset.title', { time: formatResetTime(window.resetsAt, locale) })}>
            {t('reset.in', { duration: formatDuration(untilReset, locale) })}
          </span>
        )}
      </div>
      {window.reserved > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="window-reserved">
          {t('reserved', { amount: amount(window.reserved) })}
        </p>
      )}
    </div>
  );
}
