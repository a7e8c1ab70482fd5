import { useTranslation } from 'react-i18next';
import { Table, type TableColumn } from '../../components/ui';
import { formatTokens } from '../../lib/format';
import { CapabilityBadges } from './CapabilityBadges';
import { ModelIdentity, UnknownPrice } from './ModelIdentity';
import { type PriceField, PricePair, soldByUnit, UnitPricePair } from './ModelPrice';
import type { ModelRow } from './model-filter';

/**
 * The desktop view: one row per model, your price and the official one side by side. Without
 * `showPrices` (the public list when the operator hides prices) the price columns are left out.
 */
export function ModelTable({ rows, showPrices = true }: { rows: ModelRow[]; showPrices?: boolean }) {
  const { t } = useTranslation('models');
  const price = (field: PriceField, className?: string): TableColumn<ModelRow> => ({
    key: field,
    header: t(`columns.${field}`),
    align: 'right',
    className,
    cell: (row) => {
      if (!row.pricesKnown && field === 'input') return <UnknownPrice />;
      // A model sold by the unit (per request, per image...) states that price where the input price goes.
      if (field === 'input' && soldByUnit(row.sale)) return <UnitPricePair sale={row.sale} official={row.official} />;
      return <PricePair sale={row.sale} official={row.official} field={field} />;
    },
  });
  const columns: TableColumn<ModelRow>[] = [
    { key: 'model', header: t('columns.model'), cell: (row) => <ModelIdentity row={row} />, className: 'min-w-64' },
    {
      key: 'capabilities',
      header: t('columns.capabilities'),
      cell: (row) => <CapabilityBadges capabilities={row.capabilities} compact />,
      className: 'hidden lg:table-cell',
    },
    ...(showPrices
      ? [
          price('input'),
          price('output'),
          price('cacheRead', 'hidden xl:table-cell'),
          price('cacheWrite', 'hidden xl:table-cell'),
          price('cacheWrite1h', 'hidden xl:table-cell'),
        ]
      : []),
    {
      key: 'context',
      header: t('columns.context'),
      align: 'right',
      cell: (row) => <span className="tabular-nums">{formatTokens(row.contextWindow)}</span>,
    },
    {
      key: 'maxOutput',
      header: t('columns.maxOutput'),
      align: 'right',
      cell: (row) => <span className="tabular-nums text-muted-foreground">{formatTokens(row.maxOutputTokens)}</span>,
    },
  ];
  return <Table columns={columns} rows={rows} rowKey={(row) => row.key} label={t('tableLabel')} />;
}
