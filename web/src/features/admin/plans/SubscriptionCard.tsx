import { MoreHorizontal, RefreshCw, XCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, DropdownMenu, MenuItem, MenuSeparator } from '../../../components/ui';
import { formatDate, formatDateTime } from '../../../lib/format';
import { WindowBar } from '../../plans/WindowBar';
import { sortWindows } from '../../plans/window-display';
import type { Subscription } from './api';
import { SubscriptionStatusBadge } from './PlanTerms';

const KNOWN_EVENTS = ['granted', 'renewed', 'expired', 'cancelled', 'auto_renew_changed'] as const;

function History({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation('plansAdmin');
  if (subscription.history.length === 0)
    return <p className="text-xs text-muted-foreground">{t('subscriptions.noHistory')}</p>;
  return (
    <ol className="space-y-1.5 border-l border-border pl-3 text-xs" data-testid="subscription-history">
      {subscription.history.map((event) => (
        <li key={`${event.at}-${event.kind}-${event.detail}`}>
          <span className="font-medium">
            {(KNOWN_EVENTS as readonly string[]).includes(event.kind)
              ? t(`subscriptions.events.${event.kind as (typeof KNOWN_EVENTS)[number]}`)
              : event.kind}
          </span>
          <span className="text-muted-foreground"> · {formatDateTime(event.at)}</span>
          {event.detail && <p className="break-words text-muted-foreground">{event.detail}</p>}
        </li>
      ))}
    </ol>
  );
}

export interface SubscriptionCardProps {
  subscription: Subscription;
  now: number;
  onToggleAutoRenew: (subscription: Subscription) => void;
  onCancel: (subscription: Subscription) => void;
}

/** A subscription: plan, user, period, windows as bars, history on demand, and the operator's actions. */
export function SubscriptionCard({ subscription, now, onToggleAutoRenew, onCancel }: SubscriptionCardProps) {
  const { t } = useTranslation('plansAdmin');
  const [showHistory, setShowHistory] = useState(false);
  const active = subscription.status === 'active';
  return (
    <Card className="space-y-3 p-4" data-testid="subscription" data-subscription-id={subscription.id}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="truncate font-semibold">{subscription.planName}</h3>
            <SubscriptionStatusBadge status={subscription.status} />
          </div>
          <p className="truncate text-xs text-muted-foreground">
            {t('subscriptions.user')}:{' '}
            <Link
              className="font-mono text-foreground underline-offset-2 hover:underline"
              to={`/admin/users?user=${encodeURIComponent(subscription.userId)}`}
            >
              {subscription.userId}
            </Link>
          </p>
          <p className="text-xs text-muted-foreground">
            {t('subscriptions.periodRange', {
              number: subscription.periodNumber,
              start: formatDate(subscription.periodStart),
              end: formatDateTime(subscription.periodEnd),
            })}
            {' · '}
            {t(`subscriptions.source.${subscription.source}`)}
            {' · '}
            {subscription.autoRenew ? t('subscriptions.autoRenewOn') : t('subscriptions.autoRenewOff')}
          </p>
        </div>
        {active && (
          <DropdownMenu
            trigger={(props) => (
              <Button
                {...props}
                variant="ghost"
                size="icon-sm"
                aria-label={t('subscriptions.actionsFor', { id: subscription.id })}
              >
                <MoreHorizontal />
              </Button>
            )}
          >
            <MenuItem icon={<RefreshCw />} onSelect={() => onToggleAutoRenew(subscription)}>
              {subscription.autoRenew ? t('subscriptions.turnAutoRenewOff') : t('subscriptions.turnAutoRenewOn')}
            </MenuItem>
            <MenuSeparator />
            <MenuItem icon={<XCircle />} danger onSelect={() => onCancel(subscription)}>
              {t('subscriptions.cancel')}
            </MenuItem>
          </DropdownMenu>
        )}
      </div>
      {subscription.windows.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t('subscriptions.noWindows')}</p>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          {sortWindows(subscription.windows).map((window) => (
            <WindowBar key={window.name} window={window} now={now} />
          ))}
        </div>
      )}
      <div>
        <Button variant="ghost" size="sm" onClick={() => setShowHistory((shown) => !shown)} aria-expanded={showHistory}>
          {showHistory ? t('subscriptions.hideHistory') : t('subscriptions.history')}
        </Button>
        {showHistory && (
          <div className="mt-2">
            <History subscription={subscription} />
          </div>
        )}
      </div>
    </Card>
  );
}
