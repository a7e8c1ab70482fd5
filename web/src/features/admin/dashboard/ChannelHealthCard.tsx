import { ArrowRight, CircleCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClasses, Card, CardContent, CardHeader, ErrorState, Skeleton } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatNumber, formatRelative } from '../../../lib/format';
import { channelHealth, StatusBadge } from '../channels/status';
import { countChannels } from '../channels/summary';
import type { Channel, RoutingHealth } from '../channels/types';
import { VendorIcon } from '../channels/VendorBadge';

export interface ChannelHealthCardProps {
  channels: Channel[] | undefined;
  health: RoutingHealth | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

/** How many channels serve, are off or were switched off by the gateway, and which need a look. */
export function ChannelHealthCard({ channels, health, loading, error, onRetry }: ChannelHealthCardProps) {
  const { t } = useTranslation('admin');
  const counts = channels ? countChannels(channels, health) : undefined;
  const attention = (channels ?? [])
    .filter((channel) => {
      if (channel.status === 'auto_disabled' || channel.warnings.length > 0) return true;
      if (channel.status !== 'enabled') return false;
      const state = channelHealth(channel, health);
      return state.cooling.length > 0 || state.breakers.length > 0;
    })
    .slice(0, 4);
  const segments = counts
    ? [
        { label: t('health.enabled'), value: counts.enabled, tone: 'bg-success' },
        { label: t('health.disabled'), value: counts.disabled, tone: 'bg-muted-foreground/40' },
        { label: t('health.autoDisabled'), value: counts.autoDisabled, tone: 'bg-destructive' },
      ]
    : [];

  return (
    <Card className="flex flex-col">
      <CardHeader title={t('health.title')} description={t('health.description')} />
      <CardContent className="flex flex-1 flex-col gap-4">
        {error && !channels ? (
          <ErrorState error={error} onRetry={onRetry} className="py-6" />
        ) : loading || !counts ? (
          <div className="space-y-3">
            <Skeleton className="h-2 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : (
          <>
            <div className="flex h-2 w-full overflow-hidden rounded-full bg-muted" aria-hidden>
              {segments.map((segment) =>
                segment.value > 0 ? (
                  <div
                    key={segment.label}
                    className={segment.tone}
                    style={{ width: `${(segment.value / Math.max(1, counts.total)) * 100}%` }}
                  />
                ) : null,
              )}
            </div>
            <dl className="space-y-2" data-testid="channel-health-counts">
              {segments.map((segment) => (
                <div key={segment.label} className="flex items-center justify-between gap-3">
                  <dt className="flex items-center gap-2 text-sm text-muted-foreground">
                    <span className={cn('size-2 rounded-full', segment.tone)} aria-hidden />
                    {segment.label}
                  </dt>
                  <dd className="text-sm font-semibold tabular-nums">{formatNumber(segment.value)}</dd>
                </div>
              ))}
            </dl>
            <p className="text-xs text-muted-foreground">
              {t('health.keys', { enabled: formatNumber(counts.keysEnabled), total: formatNumber(counts.keys) })}
              {counts.cooling > 0 && ` · ${t('health.cooling', { count: counts.cooling })}`}
              {counts.openBreakers > 0 && ` · ${t('health.breakers', { count: counts.openBreakers })}`}
            </p>
            {attention.length === 0 ? (
              <p className="flex items-center gap-2 rounded-lg bg-success-soft/60 px-3 py-2.5 text-sm text-success">
                <CircleCheck className="size-4 shrink-0" aria-hidden />
                {t('health.allGood')}
              </p>
            ) : (
              <ul className="divide-y divide-border rounded-lg border border-border">
                {attention.map((channel) => {
                  const state = channelHealth(channel, health);
                  const note =
                    channel.status !== 'enabled'
                      ? [channel.statusReason, channel.statusChangedAt ? formatRelative(channel.statusChangedAt) : null]
                          .filter(Boolean)
                          .join(' · ')
                      : (channel.warnings[0] ??
                        [
                          state.cooling.length > 0 ? t('health.cooling', { count: state.cooling.length }) : null,
                          state.breakers.length > 0 ? t('health.breakers', { count: state.breakers.length }) : null,
                        ]
                          .filter(Boolean)
                          .join(' · '));
                  return (
                    <li key={channel.id} className="flex items-center gap-3 px-3 py-2">
                      <VendorIcon type={channel.type} className="size-6 rounded-md text-[10px]" />
                      <div className="min-w-0 flex-1">
                        <p className="truncate text-sm font-medium">{channel.name}</p>
                        {note && (
                          <p className="truncate text-xs text-muted-foreground" title={note}>
                            {note}
                          </p>
                        )}
                      </div>
                      <StatusBadge
                        status={channel.status}
                        reason={channel.statusReason}
                        changedAt={channel.statusChangedAt}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
        <Link to="/admin/channels" className={buttonClasses('outline', 'sm', 'mt-1 w-full')}>
          {t('health.manage')}
          <ArrowRight />
        </Link>
      </CardContent>
    </Card>
  );
}
