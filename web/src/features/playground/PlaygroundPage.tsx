import { PagePlaceholder } from '../../components/PagePlaceholder';

export function PlaygroundPage() {
  return <PagePlaceholder label="playground" />;
}
