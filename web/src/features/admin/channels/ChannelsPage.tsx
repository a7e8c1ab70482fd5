import { PagePlaceholder } from '../../../components/PagePlaceholder';

export function ChannelsPage() {
  return <PagePlaceholder label="channels" />;
}
