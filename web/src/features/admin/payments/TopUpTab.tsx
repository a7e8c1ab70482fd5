import { ErrorState, Skeleton } from '../../../components/ui';
import { useSettings } from '../settings/api';
import { useProviders } from './api';
import { TopUpForm } from './TopUpForm';

/** The Top-up rules tab: the `topUp` operator setting. */
export function TopUpTab() {
  const settings = useSettings();
  const providers = useProviders();
  if (settings.isPending) return <Skeleton className="h-96 w-full rounded-xl" />;
  if (settings.error || !settings.data) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />;
  }
  // A new form when the stored rules change (saved here, or a provider's switch): it starts from them.
  return (
    <TopUpForm
      key={JSON.stringify(settings.data.topUp)}
      stored={settings.data.topUp}
      providers={providers.data ?? []}
    />
  );
}
