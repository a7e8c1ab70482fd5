import { PagePlaceholder } from '../../components/PagePlaceholder';

export function BillingPage() {
  return <PagePlaceholder label="billing" />;
}
