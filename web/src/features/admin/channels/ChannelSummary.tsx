import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { countChannels } from './summary';
import type { Channel, RoutingHealth } from './types';

/** Counts across the top of the channel list. */
export function ChannelSummary({ channels, health }: { channels: Channel[]; health: RoutingHealth | undefined }) {
  const { t } = useTranslation('channels');
  const counts = countChannels(channels, health);
  const items: { label: string; value: number; total?: number; tone: string; className?: string }[] = [
    { label: t('summary.enabled'), value: counts.enabled, total: counts.total, tone: 'bg-success' },
    { label: t('summary.disabled'), value: counts.disabled, tone: 'bg-muted-foreground/50' },
    { label: t('summary.autoDisabled'), value: counts.autoDisabled, tone: 'bg-destructive' },
    { label: t('summary.degraded'), value: counts.degraded, tone: 'bg-warning' },
    {
      label: t('summary.keys'),
      value: counts.keysEnabled,
      total: counts.keys,
      tone: 'bg-primary',
      className: 'col-span-2 sm:col-span-1',
    },
  ];
  return (
    <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {items.map((item) => (
        <div
          key={item.label}
          className={cn('rounded-xl border border-border bg-card px-4 py-3 shadow-soft', item.className)}
        >
          <dt className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
            <span className={cn('size-2 rounded-full', item.tone)} aria-hidden />
            {item.label}
          </dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">
            {formatNumber(item.value)}
            {item.total !== undefined && (
              <span className="text-sm font-normal text-muted-foreground"> / {formatNumber(item.total)}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
