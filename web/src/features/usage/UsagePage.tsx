import { PagePlaceholder } from '../../components/PagePlaceholder';

export function UsagePage() {
  return <PagePlaceholder label="usage" />;
}
