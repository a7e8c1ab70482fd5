import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

export interface FormFooterProps {
  /** The id of the form the submit button sends (the footer sits outside it, in the dialog). */
  formId: string;
  /** While saving: the submit button spins and cancelling is disabled. */
  saving: boolean;
  onCancel: () => void;
  /** The submit button's content (label, optional icon). */
  submit: ReactNode;
}

/** A dialog's or drawer's Cancel and submit buttons for the form inside it. */
export function FormFooter({ formId, saving, onCancel, submit }: FormFooterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="outline" onClick={onCancel} disabled={saving}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" form={formId} loading={saving}>
        {submit}
      </Button>
    </>
  );
}
