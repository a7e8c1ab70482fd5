import { Hammer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { NavLabel } from '../app/navigation';
import { PageHeader } from './PageHeader';
import { Card, EmptyState } from './ui';

/** A page not built yet: its title from the navigation, and a "coming soon" card. Replace it. */
export function PagePlaceholder({ label }: { label: NavLabel }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${label}`)} />
      <Card>
        <EmptyState icon={Hammer} title={t('placeholder.title')} description={t('placeholder.text')} />
      </Card>
    </>
  );
}
