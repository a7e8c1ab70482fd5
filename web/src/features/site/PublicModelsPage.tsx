import { useQuery } from '@tanstack/react-query';
import { EyeOff, SearchX } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { Card, EmptyState, ErrorState, Input, Skeleton } from '../../components/ui';
import { api } from '../../lib/api';
import { ModelTable } from '../models/ModelTable';
import { DEFAULT_FILTER, filterModels, toRows } from '../models/model-filter';
import { SignUpLink } from './PublicLayout';

type PublicModels = ApiResponse<'/api/public/models', 'get'>;

/** `/pricing`: the models served here, with or without prices as the operator chooses. */
export function PublicModelsPage() {
  const { t } = useTranslation('site');
  const models = useQuery({
    queryKey: ['public', 'models'],
    queryFn: ({ signal }) => api.get<PublicModels>('/api/public/models', { signal }),
    staleTime: 60_000,
  });
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const rows = useMemo(() => {
    const data = models.data?.data ?? [];
    // Every model listed here is served: they are all "available".
    return toRows(
      data,
      data.map((model) => ({ id: model.id, object: 'model' as const, created: 0, owned_by: model.provider })),
    );
  }, [models.data]);
  const filtered = useMemo(
    () => filterModels(rows, { ...DEFAULT_FILTER, search: deferred, availableOnly: false }),
    [rows, deferred],
  );
  const visibility = models.data?.visibility;

  let body: React.ReactNode;
  if (models.isError) body = <ErrorState error={models.error} onRetry={() => void models.refetch()} />;
  else if (models.isPending) body = <Skeleton className="m-5 h-40" />;
  else if (visibility === 'hidden') body = <EmptyState icon={EyeOff} title={t('models.hidden')} />;
  else if (filtered.length === 0) body = <EmptyState icon={SearchX} title={t('models.empty')} />;
  else body = <ModelTable rows={filtered} showPrices={visibility === 'prices'} />;

  return (
    <div className="space-y-5">
      <PageHeader
        title={t('models.title')}
        description={
          visibility === 'prices' ? `${t('models.description')} ${t('models.withPrices')}` : t('models.description')
        }
        actions={
          visibility !== 'hidden' && (
            <Input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('models.search')}
              aria-label={t('models.search')}
              className="w-64"
            />
          )
        }
      />
      {visibility && visibility !== 'hidden' && (
        <p className="text-xs text-muted-foreground">{t('models.count', { count: filtered.length })}</p>
      )}
      <Card className="overflow-hidden">{body}</Card>
      <SignUpLink text={t('models.signUpCta')} />
    </div>
  );
}
