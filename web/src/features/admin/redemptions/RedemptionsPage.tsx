import { PagePlaceholder } from '../../../components/PagePlaceholder';

export function RedemptionsPage() {
  return <PagePlaceholder label="redemptions" />;
}
