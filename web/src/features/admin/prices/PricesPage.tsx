import { PagePlaceholder } from '../../../components/PagePlaceholder';

export function PricesPage() {
  return <PagePlaceholder label="prices" />;
}
