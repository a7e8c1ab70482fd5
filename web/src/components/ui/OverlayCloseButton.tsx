import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The × in a dialog's or drawer's header (skipped by the initial focus: `data-overlay-close`). */
export function OverlayCloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className="-mr-2"
      onClick={onClose}
      aria-label={t('actions.close')}
      data-overlay-close
    >
      <X />
    </Button>
  );
}
