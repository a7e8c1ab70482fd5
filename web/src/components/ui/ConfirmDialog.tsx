import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Default: "Confirm" (or "Delete" when danger). */
  confirmLabel?: ReactNode;
  /** Red confirm button, for destructive actions. */
  danger?: boolean;
  /** Spinner on the confirm button while the action runs. */
  loading?: boolean;
  children?: ReactNode;
}

/** "Are you sure?" before an irreversible action. Keep it open while `loading`, close it on success. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  danger,
  loading,
  children,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={loading ? () => {} : onClose}
      title={title}
      description={description}
      size="sm"
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={loading}>
            {t('actions.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} loading={loading} data-autofocus>
            {confirmLabel ?? (danger ? t('actions.delete') : t('actions.confirm'))}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
