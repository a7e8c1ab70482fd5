import { CircleCheck, Clock, Zap } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeVariant, Tooltip } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { Channel, ChannelKey, ChannelStatus, RoutingHealth } from './types';

export const STATUS_VARIANT: Record<ChannelStatus, BadgeVariant> = {
  enabled: 'success',
  disabled: 'neutral',
  auto_disabled: 'danger',
};

/** Enabled / Disabled / Auto-disabled, with the reason and time on hover and focus. */
export function StatusBadge({
  status,
  reason,
  changedAt,
  className,
}: {
  status: ChannelStatus;
  reason: string | null;
  changedAt: number | null;
  className?: string;
}) {
  const { t } = useTranslation('channels');
  const badge = (
    <Badge variant={STATUS_VARIANT[status]} dot className={className} data-testid="channel-status">
      {t(`status.${status}`)}
    </Badge>
  );
  if (status === 'enabled' || (!reason && !changedAt)) return badge;
  return (
    <Tooltip
      content={
        <span className="block w-64 space-y-0.5 text-left whitespace-normal">
          {reason && <span className="block">{reason}</span>}
          {changedAt && <span className="block opacity-70">{formatDateTime(changedAt)}</span>}
        </span>
      }
    >
      <HoverTarget className="rounded-full">{badge}</HoverTarget>
    </Tooltip>
  );
}

export interface ChannelHealth {
  /** Keys waiting out a cooldown (429 retry-after, overload). */
  cooling: { keyId: string; until: number }[];
  /** Circuit breakers not closed, per key and model. */
  breakers: RoutingHealth['openBreakers'];
}

export function channelHealth(channel: Channel, health: RoutingHealth | undefined, now = Date.now()): ChannelHealth {
  if (!health) return { cooling: [], breakers: [] };
  return {
    cooling: health.cooldowns.filter((item) => item.channelId === channel.id && item.until > now),
    breakers: health.openBreakers.filter((item) => item.channelId === channel.id),
  };
}

/** Healthy, or how many keys cool down and breakers are open (details on hover). */
export function HealthCell({ channel, health }: { channel: Channel; health: RoutingHealth | undefined }) {
  const { t } = useTranslation('channels');
  if (channel.status !== 'enabled') return <span className="text-sm text-muted-foreground">—</span>;
  if (!health) return <span className="text-sm text-muted-foreground">{t('health.unknown')}</span>;
  const { cooling, breakers } = channelHealth(channel, health);
  const hint = (keyId: string) => channel.keys.find((key) => key.id === keyId)?.hint ?? keyId;
  if (cooling.length === 0 && breakers.length === 0) {
    return (
      <span className="inline-flex items-center gap-1.5 text-sm text-success">
        <CircleCheck className="size-4" aria-hidden />
        {t('health.healthy')}
      </span>
    );
  }
  return (
    <Tooltip
      content={
        <span className="block w-72 space-y-1 text-left whitespace-normal">
          {cooling.map((item) => (
            <span key={`c-${item.keyId}`} className="block">
              {t('health.coolingDetail', { key: hint(item.keyId), time: formatRelative(item.until) })}
            </span>
          ))}
          {breakers.map((item) => (
            <span key={`b-${item.keyId}-${item.model}`} className="block">
              {t(item.state === 'open' ? 'health.breakerOpenDetail' : 'health.breakerHalfOpenDetail', {
                key: hint(item.keyId),
                model: item.model,
                time: formatRelative(item.availableAt),
              })}
            </span>
          ))}
        </span>
      }
    >
      <HoverTarget className="flex flex-col items-start gap-1">
        {cooling.length > 0 && (
          <Badge variant="warning">
            <Clock className="size-3" aria-hidden />
            {t('health.cooling', { count: cooling.length })}
          </Badge>
        )}
        {breakers.length > 0 && (
          <Badge variant="danger">
            <Zap className="size-3" aria-hidden />
            {t('health.breakers', { count: breakers.length })}
          </Badge>
        )}
      </HoverTarget>
    </Tooltip>
  );
}

const KEY_DOT: Record<ChannelStatus, string> = {
  enabled: 'bg-success',
  disabled: 'bg-muted-foreground/40',
  auto_disabled: 'bg-destructive',
};

/** "3 keys" and one dot per key coloured by its status (amber while cooling down). */
export function KeyPoolSummary({ channel, health }: { channel: Channel; health: RoutingHealth | undefined }) {
  const { t } = useTranslation('channels');
  const cooling = new Set(channelHealth(channel, health).cooling.map((item) => item.keyId));
  if (channel.keys.length === 0) return <span className="text-sm text-muted-foreground">{t('keys.none')}</span>;
  const enabled = channel.keys.filter((key) => key.status === 'enabled').length;
  return (
    <Tooltip
      content={
        <span className="block w-64 space-y-1 text-left whitespace-normal">
          {channel.keys.slice(0, 12).map((key) => (
            <KeyLine key={key.id} item={key} cooling={cooling.has(key.id)} />
          ))}
          {channel.keys.length > 12 && (
            <span className="block opacity-70">{t('keys.more', { count: channel.keys.length - 12 })}</span>
          )}
        </span>
      }
    >
      <HoverTarget className="flex flex-col items-start gap-1">
        <span className="text-sm whitespace-nowrap tabular-nums">
          {t('keys.summary', { enabled, count: channel.keys.length })}
        </span>
        <span className="flex flex-wrap gap-1" aria-hidden>
          {channel.keys.slice(0, 16).map((key) => (
            <span
              key={key.id}
              className={cn('size-1.5 rounded-full', cooling.has(key.id) ? 'bg-warning' : KEY_DOT[key.status])}
            />
          ))}
        </span>
      </HoverTarget>
    </Tooltip>
  );
}

function KeyLine({ item, cooling }: { item: ChannelKey; cooling: boolean }) {
  const { t } = useTranslation('channels');
  return (
    <span className="flex items-center justify-between gap-3">
      <span className="font-mono">{item.hint}</span>
      <span className="opacity-80">{cooling ? t('health.coolingShort') : t(`status.${item.status}`)}</span>
    </span>
  );
}

/** A focusable wrapper for a tooltip's trigger, so keyboard users can read what hovering shows. */
export function HoverTarget({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <button
      type="button"
      className={cn(
        'cursor-default rounded-md text-left outline-none focus-visible:ring-2 focus-visible:ring-ring',
        className,
      )}
    >
      {children}
    </button>
  );
}
