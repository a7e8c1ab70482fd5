import { Ban, CircleCheck, Ellipsis, Pencil, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Badge, type BadgeVariant, DropdownMenu, MenuItem, MenuSeparator, Spinner, Tooltip } from '../../components/ui';
import { cn } from '../../lib/cn';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTokens,
} from '../../lib/format';
import { type ApiKey, type KeyState, keyState } from './types';

const STATE_BADGE: Record<KeyState, BadgeVariant> = {
  active: 'success',
  disabled: 'neutral',
  expired: 'warning',
  exhausted: 'danger',
};

export interface KeyItemProps {
  apiKey: ApiKey;
  onEdit: () => void;
  onToggle: () => void;
  onDelete: () => void;
  /** The enable/disable request is running. */
  toggling?: boolean;
}

/** Spend against the quota as a bar (primary, then amber from 75%, red from 90%). */
function QuotaUsage({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation('keys');
  if (apiKey.quota === null) {
    return (
      <div className="space-y-1">
        <p className="text-sm">
          <MoneyText units={apiKey.used} /> <span className="text-muted-foreground">{t('item.spent')}</span>
        </p>
        <p className="text-xs text-muted-foreground">{t('item.noQuota')}</p>
      </div>
    );
  }
  const ratio = apiKey.quota === 0 ? 1 : Math.min(1, apiKey.used / apiKey.quota);
  return (
    <div className="space-y-1.5">
      <p className="text-sm">
        <MoneyText units={apiKey.used} /> <span className="text-muted-foreground">/</span>{' '}
        <MoneyText units={apiKey.quota} className="text-muted-foreground" />
      </p>
      <div
        role="progressbar"
        aria-label={t('item.quotaUsed')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
        aria-valuetext={formatPercent(ratio, 0)}
        className="h-1.5 w-full max-w-48 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            'h-full rounded-full transition-[width]',
            ratio >= 0.9 ? 'bg-destructive' : ratio >= 0.75 ? 'bg-warning' : 'bg-primary',
          )}
          style={{ width: `${Math.max(ratio * 100, ratio > 0 ? 2 : 0)}%` }}
        />
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function Chips({ values, empty, max = 6 }: { values: string[] | null; empty: string; max?: number }) {
  const { t } = useTranslation('keys');
  if (!values || values.length === 0) return <span className="text-sm text-muted-foreground">{empty}</span>;
  const shown = values.slice(0, max);
  const more = values.length - shown.length;
  return (
    <ul className="flex flex-wrap gap-1">
      {shown.map((value) => (
        <li key={value} className="rounded-md bg-muted px-1.5 py-0.5 font-mono text-xs text-foreground">
          {value}
        </li>
      ))}
      {more > 0 && (
        <li>
          <Tooltip content={values.slice(max).join(', ')}>
            <span className="rounded-md px-1.5 py-0.5 text-xs text-muted-foreground">
              {t('item.more', { count: more })}
            </span>
          </Tooltip>
        </li>
      )}
    </ul>
  );
}

/** One key: name, hint and state; spend, expiry and use; its restrictions and limits; its actions. */
export function KeyItem({ apiKey, onEdit, onToggle, onDelete, toggling }: KeyItemProps) {
  const { t } = useTranslation(['keys', 'common']);
  const state = keyState(apiKey);
  const expiresSoon =
    apiKey.expiresAt !== null && state !== 'expired' && apiKey.expiresAt - Date.now() < 7 * 86_400_000;
  const limits = [
    apiKey.rpmLimit !== null && t('item.rpm', { value: formatNumber(apiKey.rpmLimit) }),
    apiKey.tpmLimit !== null && t('item.tpm', { value: formatTokens(apiKey.tpmLimit) }),
    apiKey.concurrencyLimit !== null && t('item.concurrency', { value: formatNumber(apiKey.concurrencyLimit) }),
  ].filter((text): text is string => Boolean(text));
  const headingId = `key-${apiKey.id}-name`;

  return (
    <li
      className={cn('space-y-4 px-4 py-4 sm:px-5', state === 'disabled' && 'bg-muted/30')}
      aria-labelledby={headingId}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="truncate text-sm font-semibold">
              {apiKey.name}
            </h3>
            <Badge variant={STATE_BADGE[state]} dot>
              {t(`state.${state}`)}
            </Badge>
            {apiKey.group !== null && <Badge variant="outline">{t('groupBadge', { group: apiKey.group })}</Badge>}
          </div>
          <p className="font-mono text-xs text-muted-foreground" data-testid="key-hint">
            {apiKey.hint}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {toggling && <Spinner label={t('common:states.loading')} />}
          <DropdownMenu
            trigger={(props) => (
              <button
                type="button"
                {...props}
                aria-label={t('item.actions', { name: apiKey.name })}
                className="flex size-8 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground"
              >
                <Ellipsis className="size-4" />
              </button>
            )}
          >
            <MenuItem icon={<Pencil />} onSelect={onEdit}>
              {t('common:actions.edit')}
            </MenuItem>
            <MenuItem icon={apiKey.status === 'enabled' ? <Ban /> : <CircleCheck />} onSelect={onToggle}>
              {apiKey.status === 'enabled' ? t('item.disable') : t('item.enable')}
            </MenuItem>
            <MenuSeparator />
            <MenuItem icon={<Trash2 />} onSelect={onDelete} danger>
              {t('common:actions.delete')}
            </MenuItem>
          </DropdownMenu>
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 lg:grid-cols-4">
        <Fact label={t('item.quota')}>
          <QuotaUsage apiKey={apiKey} />
        </Fact>
        <Fact label={t('item.expires')}>
          {apiKey.expiresAt === null ? (
            <span className="text-muted-foreground">{t('item.never')}</span>
          ) : (
            <span title={formatDateTime(apiKey.expiresAt)}>
              <span className={cn(state === 'expired' && 'text-warning', expiresSoon && 'text-warning')}>
                {formatDate(apiKey.expiresAt)}
              </span>
              <span className="block text-xs text-muted-foreground">{formatRelative(apiKey.expiresAt)}</span>
            </span>
          )}
        </Fact>
        <Fact label={t('item.lastUsed')}>
          {apiKey.lastUsedAt === null ? (
            <span className="text-muted-foreground">{t('item.neverUsed')}</span>
          ) : (
            <span title={formatDateTime(apiKey.lastUsedAt)}>{formatRelative(apiKey.lastUsedAt)}</span>
          )}
        </Fact>
        <Fact label={t('item.created')}>
          <span title={formatDateTime(apiKey.createdAt)}>{formatDate(apiKey.createdAt)}</span>
        </Fact>
      </dl>

      <dl className="grid gap-x-6 gap-y-3 border-t border-border pt-3 sm:grid-cols-3">
        <Fact label={t('item.models')}>
          <Chips values={apiKey.allowedModels} empty={t('item.allModels')} />
        </Fact>
        <Fact label={t('item.ips')}>
          <Chips values={apiKey.allowedIps} empty={t('item.anyIp')} />
        </Fact>
        <Fact label={t('item.limits')}>
          {limits.length === 0 ? (
            <span className="text-muted-foreground">{t('item.accountLimits')}</span>
          ) : (
            <span className="tabular-nums">{limits.join(' · ')}</span>
          )}
        </Fact>
      </dl>
    </li>
  );
}
