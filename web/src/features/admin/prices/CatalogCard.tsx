import { useQueryClient } from '@tanstack/react-query';
import { CloudDownload, Database, Pencil, Plus, RotateCcw, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  ConfirmDialog,
  Field,
  Input,
  Skeleton,
  Table,
  type TableColumn,
  useToast,
} from '../../../components/ui';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { ProgressBar } from '../redemptions/ProgressBar';
import {
  type CatalogOverrideEntry,
  type ModelListing,
  type RefreshResult,
  useCatalogStatus,
  useDeleteCatalogOverride,
  useModelListings,
  useRefreshCatalog,
  useResetCatalog,
} from './api';
import { CatalogOverrideDialog } from './CatalogOverrideDialog';
import { type CatalogDiff, diffListings } from './catalog-diff';
import { formatPrice } from './pricing';
import { unitKeysOf, useUnitWords } from './UnitPrices';
import { unitLabel } from './unit-keys';

type Step = 'snapshot' | 'download' | 'compare';
const STEPS: Step[] = ['snapshot', 'download', 'compare'];

/** The fields an override changes, in one line: "Input $0.10 · Context 128,000". */
function OverrideSummary({ entry }: { entry: CatalogOverrideEntry }) {
  const { t } = useTranslation('manage');
  const words = useUnitWords();
  const parts: string[] = [];
  const { prices, contextWindow, maxOutputTokens, deprecationDate } = entry.override;
  const price = (label: string, units: number | undefined) => {
    if (units !== undefined) parts.push(`${label} ${formatPrice(units)}`);
  };
  price(t('prices.catalog.fields.input'), prices?.input);
  price(t('prices.catalog.fields.output'), prices?.output);
  price(t('prices.catalog.fields.cacheRead'), prices?.cacheRead);
  price(t('prices.catalog.fields.inputImage'), prices?.inputImage);
  price(t('prices.catalog.fields.outputImage'), prices?.outputImage);
  const unitKeys = unitKeysOf(prices?.perUnit);
  for (const key of unitKeys.slice(0, 3)) {
    const label = unitLabel(key, words);
    parts.push(`${label.name} ${formatPrice(prices?.perUnit?.[key] ?? 0)}${label.per ? ` ${label.per}` : ''}`);
  }
  if (unitKeys.length > 3) parts.push(t('prices.units.more', { count: unitKeys.length - 3 }));
  if (contextWindow !== undefined)
    parts.push(`${t('prices.catalog.fields.contextWindow')} ${formatNumber(contextWindow)}`);
  if (maxOutputTokens !== undefined) {
    parts.push(`${t('prices.catalog.fields.maxOutputTokens')} ${formatNumber(maxOutputTokens)}`);
  }
  if (deprecationDate) parts.push(`${t('prices.catalog.fields.deprecationDate')} ${deprecationDate}`);
  const others = Object.keys(entry.override).filter(
    (field) => !['prices', 'contextWindow', 'maxOutputTokens', 'deprecationDate'].includes(field),
  );
  if (others.length) parts.push(others.join(', '));
  return <span className="text-xs text-muted-foreground">{parts.join(' · ') || '—'}</span>;
}

/** Where the model catalog (official prices) comes from, refreshing it from a URL, and per-model overrides. */
export function CatalogCard() {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const queryClient = useQueryClient();
  const status = useCatalogStatus();
  const listings = useModelListings();
  const refresh = useRefreshCatalog();
  const reset = useResetCatalog();
  const remove = useDeleteCatalogOverride();
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string>();
  const [step, setStep] = useState<Step>();
  const [outcome, setOutcome] = useState<{ result: RefreshResult; diff?: CatalogDiff }>();
  const [confirmReset, setConfirmReset] = useState(false);
  const [editing, setEditing] = useState<CatalogOverrideEntry | 'new'>();
  const [removing, setRemoving] = useState<CatalogOverrideEntry>();

  const fetchListings = () =>
    queryClient.fetchQuery({
      queryKey: ['models', 'admin', ''],
      queryFn: () => api.get<{ group: string; data: ModelListing[] }>('/api/models', { query: { kind: 'chat' } }),
      staleTime: 0,
    });

  const onRefresh = async (event: FormEvent) => {
    event.preventDefault();
    let valid = false;
    try {
      valid = ['http:', 'https:'].includes(new URL(url.trim()).protocol);
    } catch {
      valid = false;
    }
    if (!valid) {
      setUrlProblem(t('prices.catalog.errors.url'));
      return;
    }
    setUrlProblem(undefined);
    setOutcome(undefined);
    try {
      setStep('snapshot');
      const before = await fetchListings().catch(() => undefined);
      setStep('download');
      const result = await refresh.mutateAsync(url.trim());
      setStep('compare');
      const after = await fetchListings().catch(() => undefined);
      const diff = before && after ? diffListings(before.data, after.data) : undefined;
      setOutcome({ result, diff });
      toast.success(t('prices.catalog.refreshed'));
    } catch {
      // The error shows under the form (refresh.error).
    } finally {
      setStep(undefined);
    }
  };

  const columns: TableColumn<CatalogOverrideEntry>[] = [
    {
      key: 'model',
      header: t('prices.columns.model'),
      cell: (entry) => (
        <div className="min-w-0">
          <p className="truncate font-medium">{entry.modelId}</p>
          <p className="text-xs text-muted-foreground">{entry.provider}</p>
        </div>
      ),
    },
    {
      key: 'changes',
      header: t('prices.catalog.changes'),
      cell: (entry) => <OverrideSummary entry={entry} />,
    },
    {
      key: 'updated',
      header: t('prices.catalog.updated'),
      className: 'hidden md:table-cell',
      cell: (entry) => (
        <span className="whitespace-nowrap text-muted-foreground" title={formatDateTime(entry.updatedAt)}>
          {formatRelative(entry.updatedAt)}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('redemptions.columns.actions')}</span>,
      align: 'right',
      cell: (entry) => (
        <div className="flex justify-end gap-1">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('prices.catalog.editLabel', { model: `${entry.provider}/${entry.modelId}` })}
            onClick={() => setEditing(entry)}
          >
            <Pencil />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('prices.catalog.removeLabel', { model: `${entry.provider}/${entry.modelId}` })}
            onClick={() => setRemoving(entry)}
          >
            <Trash2 />
          </Button>
        </div>
      ),
    },
  ];

  const data = status.data;
  return (
    <Card>
      <CardHeader title={t('prices.catalog.title')} description={t('prices.catalog.description')} />
      <CardContent className="space-y-6">
        {status.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : status.error || !data ? (
          <Alert variant="danger">{errorMessage(status.error)}</Alert>
        ) : (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <div className="rounded-lg border border-border px-3 py-2.5">
              <dt className="text-xs text-muted-foreground">{t('prices.catalog.source')}</dt>
              <dd className="mt-1">
                <Badge variant={data.source === 'remote' ? 'info' : 'neutral'}>
                  <Database className="size-3" aria-hidden />
                  {data.source === 'remote' ? t('prices.catalog.remote') : t('prices.catalog.builtin')}
                </Badge>
              </dd>
            </div>
            <div className="rounded-lg border border-border px-3 py-2.5">
              <dt className="text-xs text-muted-foreground">{t('prices.catalog.version')}</dt>
              <dd className="mt-1 text-sm font-medium">
                {data.remoteUpdatedAt ? formatDateTime(data.remoteUpdatedAt) : t('prices.catalog.shipped')}
              </dd>
            </div>
            <div className="rounded-lg border border-border px-3 py-2.5">
              <dt className="text-xs text-muted-foreground">{t('prices.catalog.models')}</dt>
              <dd className="mt-1 text-sm font-medium tabular-nums">
                {formatNumber(data.models)}
                {listings.data && (
                  <span className="ml-1 font-normal text-muted-foreground">
                    {t('prices.catalog.chatModels', {
                      count: listings.data.data.filter((model) => model.kind === 'chat').length,
                    })}
                  </span>
                )}
              </dd>
            </div>
            <div className="rounded-lg border border-border px-3 py-2.5">
              <dt className="text-xs text-muted-foreground">{t('prices.catalog.overrides')}</dt>
              <dd className="mt-1 text-sm font-medium tabular-nums">{formatNumber(data.overrides)}</dd>
            </div>
          </dl>
        )}

        <form className="space-y-3" onSubmit={(event) => void onRefresh(event)} noValidate>
          <Field
            label={t('prices.catalog.url')}
            hint={t('prices.catalog.urlHint')}
            error={urlProblem ?? (refresh.error ? errorMessage(refresh.error) : undefined)}
          >
            <Input
              type="url"
              placeholder="https://example.com/aihub-catalog.json"
              value={url}
              spellCheck={false}
              disabled={Boolean(step)}
              onChange={(event) => setUrl(event.target.value)}
            />
          </Field>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" variant="outline" loading={Boolean(step)}>
              {!step && <CloudDownload />}
              {t('prices.catalog.refresh')}
            </Button>
            {data?.source === 'remote' && (
              <Button variant="ghost" onClick={() => setConfirmReset(true)} disabled={Boolean(step)}>
                <RotateCcw />
                {t('prices.catalog.reset')}
              </Button>
            )}
          </div>
          {step && (
            <div className="space-y-1.5" aria-live="polite">
              <p className="text-xs text-muted-foreground">
                {t('prices.catalog.stepOf', { step: STEPS.indexOf(step) + 1, total: STEPS.length })}{' '}
                {t(`prices.catalog.steps.${step}`)}
              </p>
              <ProgressBar
                label={t('prices.catalog.progressLabel')}
                value={step === 'download' ? undefined : (STEPS.indexOf(step) + 0.5) / STEPS.length}
                estimateMs={4000}
              />
            </div>
          )}
          {outcome && (
            <Alert
              variant="success"
              title={t('prices.catalog.resultTitle', {
                models: formatNumber(outcome.result.models),
                providers: formatNumber(outcome.result.providers),
              })}
            >
              <p>
                {t('prices.catalog.resultSource', {
                  name: outcome.result.source.name,
                  license: outcome.result.source.license,
                })}
              </p>
              {outcome.diff && (
                <p data-testid="catalog-diff">
                  {t('prices.catalog.resultDiff', {
                    added: formatNumber(outcome.diff.added),
                    removed: formatNumber(outcome.diff.removed),
                    repriced: formatNumber(outcome.diff.repriced),
                  })}
                </p>
              )}
            </Alert>
          )}
        </form>

        <div className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <div className="space-y-0.5">
              <h3 className="text-sm font-semibold">{t('prices.catalog.overridesTitle')}</h3>
              <p className="text-xs text-muted-foreground">{t('prices.catalog.overridesHint')}</p>
            </div>
            <Button variant="outline" size="sm" onClick={() => setEditing('new')}>
              <Plus />
              {t('prices.catalog.addOverride')}
            </Button>
          </div>
          <div className="rounded-xl border border-border">
            <Table
              label={t('prices.catalog.overridesTitle')}
              className="relative"
              columns={columns}
              rows={data?.overrideList}
              rowKey={(entry) => `${entry.provider}/${entry.modelId}`}
              loading={status.isPending}
              skeletonRows={2}
              empty={{
                icon: Pencil,
                title: t('prices.catalog.noOverrides'),
                description: t('prices.catalog.noOverridesText'),
              }}
            />
          </div>
        </div>
      </CardContent>

      <CatalogOverrideDialog
        open={Boolean(editing)}
        entry={editing === 'new' ? undefined : editing}
        listings={listings.data?.data}
        listingsLoading={listings.isPending}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDialog
        open={confirmReset}
        onClose={() => setConfirmReset(false)}
        loading={reset.isPending}
        danger
        title={t('prices.catalog.resetTitle')}
        description={t('prices.catalog.resetText')}
        confirmLabel={t('prices.catalog.reset')}
        onConfirm={() =>
          reset.mutate(undefined, {
            onSuccess: () => {
              setConfirmReset(false);
              setOutcome(undefined);
              toast.success(t('prices.catalog.resetDone'));
            },
            onError: (error) => toast.error(error),
          })
        }
      />
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setRemoving(undefined)}
        loading={remove.isPending}
        danger
        title={t('prices.catalog.removeTitle')}
        description={t('prices.catalog.removeText', {
          model: removing ? `${removing.provider}/${removing.modelId}` : '',
        })}
        confirmLabel={t('prices.rule.remove')}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(
            { provider: removing.provider, model: removing.modelId },
            {
              onSuccess: () => {
                setRemoving(undefined);
                toast.success(t('prices.catalog.removed'));
              },
              onError: (error) => toast.error(error),
            },
          );
        }}
      />
    </Card>
  );
}
