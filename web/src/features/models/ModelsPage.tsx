import { Boxes, SearchX } from 'lucide-react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Alert, Button, Card, EmptyState, ErrorState, Skeleton } from '../../components/ui';
import { formatNumber } from '../../lib/format';
import { ModelCards } from './ModelCards';
import { ModelFilters } from './ModelFilters';
import { ModelTable } from './ModelTable';
import {
  CAPABILITIES,
  type Capability,
  DEFAULT_FILTER,
  filterModels,
  kindCounts,
  MODEL_KINDS,
  type ModelFilter,
  type ModelKind,
  type ModelSort,
  providerCounts,
  toRows,
} from './model-filter';
import { useCatalog, useRoutableModels } from './models-api';
import { useIsDesktop } from './use-media-query';

/** Rows rendered at first and added by each "Show more": the catalog has ~2,000 models. */
const PAGE_SIZE = 100;
const SORTS: ModelSort[] = ['name', 'inputPrice', 'outputPrice', 'context'];

function parseFilter(params: URLSearchParams): ModelFilter {
  const sort = params.get('sort') as ModelSort | null;
  const kind = params.get('kind') as ModelKind | null;
  return {
    search: params.get('q') ?? '',
    provider: params.get('provider') ?? '',
    kind: kind && MODEL_KINDS.includes(kind) ? kind : DEFAULT_FILTER.kind,
    capabilities: (params.get('cap') ?? '')
      .split(',')
      .filter((value): value is Capability => (CAPABILITIES as readonly string[]).includes(value)),
    availableOnly: params.get('all') !== '1',
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_FILTER.sort,
  };
}

function filterParams(filter: ModelFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search) params.set('q', filter.search);
  if (filter.provider) params.set('provider', filter.provider);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.capabilities.length > 0) params.set('cap', filter.capabilities.join(','));
  if (!filter.availableOnly) params.set('all', '1');
  if (filter.sort !== DEFAULT_FILTER.sort) params.set('sort', filter.sort);
  return params;
}

/**
 * The filter, mirrored into the address (`?q=claude&provider=anthropic&kind=chat&cap=vision,tools&all=1&sort=context`)
 * so a filtered list can be shared and survives a reload. The state is the source of truth: two
 * quick changes never overwrite each other.
 */
function useFilterState(): [ModelFilter, (patch: Partial<ModelFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const [filter, setFilterState] = useState<ModelFilter>(() => parseFilter(params));
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;
  useEffect(() => {
    setParamsRef.current(filterParams(filter), { replace: true, preventScrollReset: true });
  }, [filter]);
  const update = useCallback(
    (patch: Partial<ModelFilter>) => setFilterState((current) => ({ ...current, ...patch })),
    [],
  );
  return [filter, update];
}

export function ModelsPage() {
  const { t } = useTranslation(['models', 'common']);
  const catalog = useCatalog();
  const routable = useRoutableModels();
  const isDesktop = useIsDesktop();
  const [filter, setFilter] = useFilterState();
  // Typing stays responsive: the list re-filters with the deferred text.
  const search = useDeferredValue(filter.search);

  const availabilityKnown = !routable.isError;
  const rows = useMemo(
    () => (catalog.data ? toRows(catalog.data.data, routable.data) : undefined),
    [catalog.data, routable.data],
  );
  const availableCount = useMemo(() => rows?.filter((row) => row.available).length ?? 0, [rows]);
  const availableOnly = availabilityKnown && filter.availableOnly;
  const effective = useMemo<ModelFilter>(() => ({ ...filter, search, availableOnly }), [filter, search, availableOnly]);
  const filtered = useMemo(() => (rows ? filterModels(rows, effective) : []), [rows, effective]);
  const providers = useMemo(() => (rows ? providerCounts(rows, availableOnly) : []), [rows, availableOnly]);
  const kinds = useMemo(() => (rows ? kindCounts(rows, availableOnly) : []), [rows, availableOnly]);

  // Back to the first page whenever the filter changes.
  const filterKey = JSON.stringify(effective);
  const [shown, setShown] = useState({ filterKey, count: PAGE_SIZE });
  const count = shown.filterKey === filterKey ? shown.count : PAGE_SIZE;
  const visible = filtered.slice(0, count);

  const loading = catalog.isPending || (routable.isPending && filter.availableOnly);
  const filtersActive =
    filter.search !== '' ||
    filter.provider !== '' ||
    filter.kind !== '' ||
    filter.capabilities.length > 0 ||
    filter.sort !== 'name';
  const clearFilters = () => setFilter({ search: '', provider: '', kind: '', capabilities: [], sort: 'name' });

  let body: React.ReactNode;
  if (catalog.isError) {
    body = <ErrorState error={catalog.error} onRetry={() => catalog.refetch()} retrying={catalog.isRefetching} />;
  } else if (loading || !rows) {
    body = (
      <div className="space-y-4 p-5" role="status" aria-busy="true" aria-label={t('common:states.loading')}>
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <div key={index} className="flex items-center gap-4">
            <Skeleton className="h-4 w-56" />
            <Skeleton className="hidden h-4 w-40 lg:block" />
            <Skeleton className="ml-auto h-4 w-16" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="hidden h-4 w-12 sm:block" />
          </div>
        ))}
      </div>
    );
  } else if (availableOnly && availableCount === 0) {
    body = (
      <EmptyState
        icon={Boxes}
        title={t('empty.noneAvailableTitle')}
        description={t('empty.noneAvailableText')}
        action={
          <Button variant="outline" onClick={() => setFilter({ availableOnly: false })}>
            {t('empty.showCatalog')}
          </Button>
        }
      />
    );
  } else if (filtered.length === 0) {
    body = (
      <EmptyState
        icon={SearchX}
        title={t('empty.noMatchTitle')}
        description={availableOnly ? t('empty.noMatchAvailableText') : t('empty.noMatchText')}
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <Button variant="outline" onClick={clearFilters}>
              {t('empty.clearFilters')}
            </Button>
            {availableOnly && (
              <Button variant="ghost" onClick={() => setFilter({ availableOnly: false })}>
                {t('empty.searchCatalog')}
              </Button>
            )}
          </div>
        }
      />
    );
  } else {
    body = (
      <>
        {isDesktop ? <ModelTable rows={visible} /> : <ModelCards rows={visible} />}
        <div className="flex flex-col items-center gap-2 border-t border-border px-4 py-4">
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {t('showing', { shown: formatNumber(visible.length), total: formatNumber(filtered.length) })}
          </p>
          {visible.length < filtered.length && (
            <Button variant="outline" size="sm" onClick={() => setShown({ filterKey, count: count + PAGE_SIZE })}>
              {t('showMore', { count: Math.min(PAGE_SIZE, filtered.length - visible.length) })}
            </Button>
          )}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('title')}
        description={
          catalog.data
            ? t('subtitleGroup', {
                count: catalog.data.data.length,
                formatted: formatNumber(catalog.data.data.length),
                group: catalog.data.group,
              })
            : t('subtitle')
        }
      />
      <div className="space-y-4">
        {routable.isError && (
          <Alert variant="warning" title={t('availabilityUnknownTitle')}>
            {t('availabilityUnknownText')}
          </Alert>
        )}
        <ModelFilters
          filter={filter}
          onChange={setFilter}
          providers={providers}
          kinds={kinds}
          availabilityKnown={availabilityKnown}
        />
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
          <p>
            {rows && !loading
              ? t('summary', {
                  count: filtered.length,
                  formatted: formatNumber(filtered.length),
                  available: formatNumber(availableCount),
                })
              : t('common:states.loading')}
            {filtersActive && (
              <Button variant="link" size="sm" className="ml-2 text-xs" onClick={clearFilters}>
                {t('empty.clearFilters')}
              </Button>
            )}
          </p>
          <p>{t('price.legend')}</p>
        </div>
        <Card className="overflow-hidden">{body}</Card>
      </div>
    </>
  );
}
