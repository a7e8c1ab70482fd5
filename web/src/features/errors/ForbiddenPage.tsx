import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card, EmptyState } from '../../components/ui';
import { useDocumentTitle } from '../../lib/site';

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <Card className="mt-8">
      <EmptyState icon={ShieldAlert} title={t('forbidden.title')} description={t('forbidden.text')} />
    </Card>
  );
}
