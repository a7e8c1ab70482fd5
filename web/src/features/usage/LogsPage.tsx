import { PagePlaceholder } from '../../components/PagePlaceholder';

export function LogsPage() {
  return <PagePlaceholder label="logs" />;
}
