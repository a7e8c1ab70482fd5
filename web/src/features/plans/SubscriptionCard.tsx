import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Badge, type BadgeVariant, Card, CardContent } from '../../components/ui';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { historyKind } from './plan-format';
import type { Subscription } from './plan-types';
import { WindowBar } from './WindowBar';
import { sortWindows } from './window-display';

const STATUS_BADGE: Record<Subscription['status'], BadgeVariant> = {
  active: 'success',
  expired: 'neutral',
  cancelled: 'danger',
};

/** One subscription: status, period, each window's use as a bar, and its history. */
export function SubscriptionCard({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation('plans');
  const active = subscription.status === 'active';
  const windows = sortWindows(subscription.windows);
  return (
    <Card data-testid="subscription" data-plan={subscription.planId} data-status={subscription.status}>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0 space-y-1">
            <h3 className="text-base font-semibold">{subscription.planName}</h3>
            <p className="text-xs text-muted-foreground">
              {t(`source.${subscription.source}`)}
              {subscription.price > 0 && (
                <>
                  {' · '}
                  <MoneyText units={subscription.price} digits={2} className="font-normal" />
                </>
              )}
              {' · '}
              {t('periodNumber', { count: subscription.periodNumber })}
            </p>
          </div>
          <Badge variant={STATUS_BADGE[subscription.status]} dot>
            {t(`status.${subscription.status}`)}
          </Badge>
        </div>
        <p className="text-sm">
          <span className="text-muted-foreground">
            {formatDate(subscription.periodStart)} – {formatDate(subscription.periodEnd)}
          </span>{' '}
          <span title={formatDateTime(subscription.periodEnd)}>
            {active
              ? subscription.autoRenew
                ? t('renews', { relative: formatRelative(subscription.periodEnd) })
                : t('ends', { relative: formatRelative(subscription.periodEnd) })
              : t('ended', { date: formatDateTime(subscription.periodEnd) })}
          </span>
        </p>
        {active &&
          (windows.length > 0 ? (
            <div className="space-y-4">
              {windows.map((window) => (
                <WindowBar key={window.name} window={window} />
              ))}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{t('noWindows')}</p>
          ))}
        {subscription.history.length > 0 && (
          <details className="group text-sm">
            <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
              {t('history.title', { count: subscription.history.length })}
            </summary>
            <ol className="mt-2 space-y-1.5 border-l border-border pl-3" data-testid="subscription-history">
              {subscription.history.map((event) => (
                <li key={`${event.at}-${event.kind}-${event.detail}`} className="space-y-0.5">
                  <p>
                    <span className="font-medium">{t(`history.kinds.${historyKind(event.kind)}`)}</span>{' '}
                    <span className="text-xs text-muted-foreground">{formatDateTime(event.at)}</span>
                  </p>
                  {event.detail && <p className="text-xs text-muted-foreground">{event.detail}</p>}
                </li>
              ))}
            </ol>
          </details>
        )}
      </CardContent>
    </Card>
  );
}
