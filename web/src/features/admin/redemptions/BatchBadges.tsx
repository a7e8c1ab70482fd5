import { useTranslation } from 'react-i18next';
import { Badge, type BadgeVariant } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import type { Batch, BatchState, CodeStatus } from './api';

const STATE_VARIANT: Record<BatchState, BadgeVariant> = {
  active: 'success',
  expired: 'warning',
  exhausted: 'neutral',
  disabled: 'danger',
};

export function BatchStateBadge({ state }: { state: BatchState }) {
  const { t } = useTranslation('manage');
  return (
    <Badge variant={STATE_VARIANT[state]} dot>
      {t(`redemptions.states.${state}`)}
    </Badge>
  );
}

const CODE_VARIANT: Record<CodeStatus, BadgeVariant> = { unused: 'success', redeemed: 'info', disabled: 'danger' };

export function CodeStatusBadge({ status }: { status: CodeStatus }) {
  const { t } = useTranslation('manage');
  return (
    <Badge variant={CODE_VARIANT[status]} dot>
      {t(`redemptions.codeStatus.${status}`)}
    </Badge>
  );
}

/** Redeemed / disabled / left as a stacked bar with "3 of 10 used". */
export function UsageBar({ batch, className }: { batch: Batch; className?: string }) {
  const { t } = useTranslation('manage');
  const part = (n: number) => `${batch.count ? (n / batch.count) * 100 : 0}%`;
  return (
    <div className={cn('min-w-28 space-y-1', className)}>
      <div className="flex h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className="bg-info" style={{ width: part(batch.redeemed) }} />
        <div className="bg-destructive/60" style={{ width: part(batch.disabled) }} />
      </div>
      <p className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        {t('redemptions.usage', {
          used: formatNumber(batch.redeemed),
          left: formatNumber(batch.unused),
        })}
      </p>
    </div>
  );
}
