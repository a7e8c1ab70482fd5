import { KeyRound, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, ConfirmDialog, Switch, Tooltip, useToast } from '../../../components/ui';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useRemoveKey, useSetKeyStatus } from './api';
import { STATUS_VARIANT } from './status';
import type { Channel, ChannelKey } from './types';

/**
 * The keys already in a channel's pool: hint (never the key), status with its reason, and
 * enable/disable and remove, applied at once. New keys are typed in the form's text box.
 */
export function KeyPoolList({ channel, cooling }: { channel: Channel; cooling: Set<string> }) {
  const { t } = useTranslation('channels');
  const toast = useToast();
  const setStatus = useSetKeyStatus();
  const removeKey = useRemoveKey();
  const [removing, setRemoving] = useState<ChannelKey | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  if (channel.keys.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">
        {t('keys.emptyPool')}
      </p>
    );
  }

  const toggle = (key: ChannelKey, enabled: boolean) => {
    setPending(key.id);
    setStatus.mutate(
      { id: channel.id, keyId: key.id, enabled },
      {
        onSuccess: () =>
          toast.success(enabled ? t('keys.enabled', { hint: key.hint }) : t('keys.disabled', { hint: key.hint })),
        onError: (error) => toast.error(error),
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <>
      <ul
        className="divide-y divide-border overflow-hidden rounded-lg border border-border"
        aria-label={t('keys.listLabel')}
      >
        {channel.keys.map((key) => (
          <li key={key.id} className="flex items-center gap-3 bg-card px-3 py-2.5">
            <KeyRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-sm">{key.hint}</span>
                {key.status !== 'enabled' && (
                  <Badge variant={STATUS_VARIANT[key.status]}>{t(`status.${key.status}`)}</Badge>
                )}
                {cooling.has(key.id) && <Badge variant="warning">{t('health.coolingShort')}</Badge>}
              </div>
              {key.status !== 'enabled' && (key.statusReason || key.statusChangedAt) ? (
                <p className="truncate text-xs text-muted-foreground" title={key.statusReason ?? undefined}>
                  {[key.statusReason, key.statusChangedAt ? formatRelative(key.statusChangedAt) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              ) : key.createdAt ? (
                <p className="text-xs text-muted-foreground" title={formatDateTime(key.createdAt)}>
                  {t('keys.added', { time: formatRelative(key.createdAt) })}
                </p>
              ) : null}
            </div>
            <Switch
              checked={key.status === 'enabled'}
              onCheckedChange={(checked) => toggle(key, checked)}
              disabled={pending === key.id}
              aria-label={t('keys.toggle', { hint: key.hint })}
            />
            {!channel.readOnly && (
              <Tooltip content={t('keys.remove')}>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  onClick={() => setRemoving(key)}
                  aria-label={t('keys.removeNamed', { hint: key.hint })}
                >
                  <Trash2 />
                </Button>
              </Tooltip>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        danger
        loading={removeKey.isPending}
        title={t('keys.removeTitle')}
        description={t('keys.removeText', { hint: removing?.hint ?? '' })}
        confirmLabel={t('keys.remove')}
        onConfirm={() => {
          if (!removing) return;
          removeKey.mutate(
            { id: channel.id, keyId: removing.id },
            {
              onSuccess: () => {
                toast.success(t('keys.removed', { hint: removing.hint }));
                setRemoving(null);
              },
              onError: (error) => toast.error(error),
            },
          );
        }}
      />
    </>
  );
}
