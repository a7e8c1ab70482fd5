import { PagePlaceholder } from '../../components/PagePlaceholder';

export function KeysPage() {
  return <PagePlaceholder label="keys" />;
}
