import { PagePlaceholder } from '../../components/PagePlaceholder';

export function ModelsPage() {
  return <PagePlaceholder label="models" />;
}
