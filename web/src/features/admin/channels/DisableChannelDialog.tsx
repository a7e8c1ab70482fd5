import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, Field, Input } from '../../../components/ui';
import type { Channel } from './types';

/** Disabling asks for an optional reason: it is shown in the list so other admins know why. */
export function DisableChannelDialog({
  channel,
  onClose,
  onConfirm,
  loading,
}: {
  channel: Channel | null;
  onClose: () => void;
  onConfirm: (reason: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation('channels');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (channel) setReason('');
  }, [channel]);
  return (
    <ConfirmDialog
      open={channel !== null}
      onClose={onClose}
      onConfirm={() => onConfirm(reason.trim())}
      loading={loading}
      title={t('disable.title', { name: channel?.name ?? '' })}
      description={channel?.readOnly ? t('disable.textReadOnly') : t('disable.text')}
      confirmLabel={t('disable.confirm')}
      danger
    >
      <Field label={t('disable.reason')} optional>
        <Input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t('disable.reasonPlaceholder')}
          maxLength={500}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onConfirm(reason.trim());
            }
          }}
        />
      </Field>
    </ConfirmDialog>
  );
}
