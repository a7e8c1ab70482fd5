import { Pencil, Plus, Tag, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Badge,
  Button,
  Card,
  CardHeader,
  ConfirmDialog,
  Select,
  Table,
  type TableColumn,
  useToast,
} from '../../../components/ui';
import { useVendors } from '../../../lib/vendors';
import { listingFor, type ModelListing, type PriceSheet, useModelListings, useSavePriceRules } from './api';
import { ModelRuleDialog } from './ModelRuleDialog';
import { formatPrice, type ModelRule, type PriceRules, ppmToPercentText, splitRuleKey } from './pricing';
import { UnitPriceLines } from './UnitPrices';

interface Row {
  key: string;
  rule: ModelRule;
  listing: ModelListing | undefined;
}

function PricePair({ sheet, testId }: { sheet: PriceSheet | null | undefined; testId?: string }) {
  const { t } = useTranslation('manage');
  if (!sheet || (sheet.input === undefined && sheet.output === undefined)) {
    // A media model priced by the unit only: its unit prices say it (UnitPriceLines below).
    return sheet?.perUnit && Object.keys(sheet.perUnit).length > 0 ? null : (
      <span className="text-muted-foreground">—</span>
    );
  }
  const image = sheet.inputImage !== undefined || sheet.outputImage !== undefined;
  const audio = sheet.inputAudio !== undefined || sheet.outputAudio !== undefined;
  return (
    <span className="whitespace-nowrap tabular-nums" data-testid={testId}>
      {sheet.input !== undefined ? formatPrice(sheet.input) : '—'}
      <span className="px-1 text-muted-foreground">/</span>
      {sheet.output !== undefined ? formatPrice(sheet.output) : '—'}
      {image && (
        <span className="block text-xs text-muted-foreground">
          {t('prices.units.imageTokens', {
            input: sheet.inputImage !== undefined ? formatPrice(sheet.inputImage) : '—',
            output: sheet.outputImage !== undefined ? formatPrice(sheet.outputImage) : '—',
          })}
        </span>
      )}
      {audio && (
        <span className="block text-xs text-muted-foreground">
          {t('prices.units.audioTokens', {
            input: sheet.inputAudio !== undefined ? formatPrice(sheet.inputAudio) : '—',
            output: sheet.outputAudio !== undefined ? formatPrice(sheet.outputAudio) : '—',
          })}
        </span>
      )}
    </span>
  );
}

function RuleBadge({ rule }: { rule: ModelRule }) {
  const { t } = useTranslation('manage');
  return rule.fixed ? (
    <Badge variant="info">{t('prices.source.fixed')}</Badge>
  ) : (
    <Badge variant="primary">
      {t('prices.columns.multiplierValue', { percent: ppmToPercentText(rule.multiplierPpm ?? 1_000_000) })}
    </Badge>
  );
}

/** Per-model rules (multiplier or fixed price) with the official and resulting sale price of each. */
export function ModelRulesCard({ rules }: { rules: PriceRules }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const [group, setGroup] = useState('');
  const listings = useModelListings(group || undefined);
  const vendors = useVendors();
  const save = useSavePriceRules();
  const [dialog, setDialog] = useState<{ editing?: string } | undefined>();
  const [removing, setRemoving] = useState<string>();

  const providers = useMemo(() => new Set(listings.data?.data.map((model) => model.provider)), [listings.data]);
  const rows: Row[] = useMemo(
    () =>
      Object.entries(rules.models)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rule]) => ({
          key,
          rule,
          listing: listingFor(splitRuleKey(key, providers), listings.data?.data, vendors),
        })),
    [rules.models, providers, listings.data, vendors],
  );

  const columns: TableColumn<Row>[] = [
    {
      key: 'model',
      header: t('prices.columns.model'),
      cell: (row) => (
        <div className="min-w-0">
          <p className="truncate font-medium">{row.key}</p>
          <p className="text-xs text-muted-foreground">
            {row.listing
              ? t('prices.rule.listedBy', { provider: row.listing.provider })
              : t('prices.rule.notInCatalog')}
          </p>
          <div className="mt-1 sm:hidden">
            <RuleBadge rule={row.rule} />
          </div>
        </div>
      ),
    },
    {
      key: 'rule',
      header: t('prices.columns.rule'),
      className: 'hidden sm:table-cell',
      cell: (row) => <RuleBadge rule={row.rule} />,
    },
    {
      key: 'official',
      header: t('prices.columns.officialPerM'),
      align: 'right',
      className: 'hidden md:table-cell',
      cell: (row) => <PricePair sheet={row.listing?.official} />,
    },
    {
      key: 'sale',
      header: t('prices.columns.salePerM'),
      align: 'right',
      cell: (row) =>
        listings.isPending ? (
          <span className="text-muted-foreground">…</span>
        ) : (
          <>
            <PricePair sheet={row.listing?.sale} testId={`sale-${row.key}`} />
            <UnitPriceLines
              official={row.listing?.official?.perUnit}
              sale={row.listing?.sale?.perUnit}
              testId={`sale-units-${row.key}`}
            />
          </>
        ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('redemptions.columns.actions')}</span>,
      align: 'right',
      cell: (row) => (
        <div className="flex justify-end gap-1">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('prices.rule.editLabel', { model: row.key })}
            onClick={() => setDialog({ editing: row.key })}
          >
            <Pencil />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('prices.rule.removeLabel', { model: row.key })}
            onClick={() => setRemoving(row.key)}
          >
            <Trash2 />
          </Button>
        </div>
      ),
    },
  ];

  const addButton = (
    <Button size="sm" onClick={() => setDialog({})}>
      <Plus />
      {t('prices.rule.add')}
    </Button>
  );

  return (
    <Card>
      <CardHeader
        title={t('prices.models.title')}
        description={t('prices.models.description')}
        actions={
          <>
            {Object.keys(rules.groups).length > 0 && (
              <Select
                aria-label={t('prices.models.groupLabel')}
                className="w-44"
                value={group}
                onChange={(event) => setGroup(event.target.value)}
                placeholder={t('prices.models.yourGroup')}
                options={Object.keys(rules.groups).map((name) => ({ value: name, label: name }))}
              />
            )}
            {addButton}
          </>
        }
      />
      <div className="mt-4 border-t border-border">
        <Table
          label={t('prices.models.title')}
          className="relative"
          columns={columns}
          rows={rows}
          rowKey={(row) => row.key}
          empty={{
            icon: Tag,
            title: t('prices.models.emptyTitle'),
            description: t('prices.models.emptyText'),
            action: addButton,
          }}
        />
      </div>
      <ModelRuleDialog
        open={Boolean(dialog)}
        onClose={() => setDialog(undefined)}
        editing={dialog?.editing}
        rules={rules}
        listings={listings.data?.data}
        listingsLoading={listings.isPending}
        providers={providers}
      />
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setRemoving(undefined)}
        loading={save.isPending}
        danger
        title={t('prices.rule.removeTitle')}
        description={t('prices.rule.removeText', { model: removing ?? '' })}
        confirmLabel={t('prices.rule.remove')}
        onConfirm={() => {
          if (!removing) return;
          const models = { ...rules.models };
          delete models[removing];
          save.mutate(
            { ...rules, models },
            {
              onSuccess: () => {
                toast.success(t('prices.rule.removed', { model: removing }));
                setRemoving(undefined);
              },
              onError: (error) => toast.error(error),
            },
          );
        }}
      />
    </Card>
  );
}
