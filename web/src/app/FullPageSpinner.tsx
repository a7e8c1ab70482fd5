import { useTranslation } from 'react-i18next';
import { Spinner } from '../components/ui';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh items-center justify-center text-muted-foreground">
      <Spinner className="size-6" label={t('states.loading')} />
    </div>
  );
}
