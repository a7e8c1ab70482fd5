import { DatabaseZap } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardHeader, SegmentedControl, Table, type TableColumn } from '../../../components/ui';
import { formatNumber, formatPercent, formatTokens } from '../../../lib/format';
import type { CacheHitReport, CacheHitRow } from './api';

const ROWS = 10;

type View = 'channels' | 'models';
type Row = CacheHitRow & { name: string };

/** A rate with a thin bar under it: a cold cache stands out at a glance. */
function RateCell({ rate }: { rate: number }) {
  return (
    <div className="ml-auto w-20">
      <span className="tabular-nums">{formatPercent(rate)}</span>
      <div className="mt-1 h-1 w-full overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className="h-full rounded-full bg-primary/70" style={{ width: `${Math.round(rate * 100)}%` }} />
      </div>
    </div>
  );
}

/**
 * How often upstream prompt caches served the input, per channel or per model requested: cache-read
 * input tokens ÷ all input tokens, and the share of requests with any cache read. Sticky routing
 * exists to keep these high; a channel near 0 % on long conversations is worth a look.
 */
export function CacheHitsCard({ report, loading }: { report: CacheHitReport | undefined; loading: boolean }) {
  const { t } = useTranslation('admin');
  const [view, setView] = useState<View>('channels');
  const rows: Row[] | undefined = report
    ? view === 'channels'
      ? report.channels.slice(0, ROWS).map((row) => ({ ...row, name: row.channel }))
      : report.models.slice(0, ROWS).map((row) => ({ ...row, name: row.model }))
    : undefined;
  const columns: TableColumn<Row>[] = [
    {
      key: 'name',
      header: view === 'channels' ? t('cacheHits.channel') : t('cacheHits.model'),
      cell: (row) => (
        <p className="truncate font-mono text-xs" title={row.name}>
          {row.name}
        </p>
      ),
      className: 'max-w-56',
    },
    {
      key: 'requests',
      header: t('cacheHits.requests'),
      cell: (row) => <span className="tabular-nums">{formatNumber(row.requests)}</span>,
      align: 'right',
      className: 'hidden sm:table-cell',
    },
    {
      key: 'input',
      header: t('cacheHits.inputTokens'),
      cell: (row) => <span className="tabular-nums">{formatTokens(row.promptTokens)}</span>,
      align: 'right',
      className: 'hidden sm:table-cell',
    },
    {
      key: 'tokens',
      header: t('cacheHits.tokenRate'),
      cell: (row) => <RateCell rate={row.tokenHitRate} />,
      align: 'right',
    },
    {
      key: 'requestRate',
      header: t('cacheHits.requestRate'),
      cell: (row) => <RateCell rate={row.requestHitRate} />,
      align: 'right',
    },
  ];
  const totals = report?.totals;
  return (
    <Card data-testid="cache-hits">
      <CardHeader
        title={t('cacheHits.title')}
        description={
          totals && totals.requests > 0
            ? t('cacheHits.summary', {
                tokenRate: formatPercent(totals.tokenHitRate),
                requestRate: formatPercent(totals.requestHitRate),
              })
            : t('cacheHits.description')
        }
        actions={
          <SegmentedControl
            size="sm"
            label={t('cacheHits.view')}
            value={view}
            onChange={setView}
            options={[
              { value: 'channels', label: t('cacheHits.byChannel') },
              { value: 'models', label: t('cacheHits.byModel') },
            ]}
          />
        }
      />
      <div className="pt-2 pb-1">
        <Table
          columns={columns}
          rows={rows}
          rowKey={(row) => row.name}
          loading={loading && !report}
          skeletonRows={3}
          label={t('cacheHits.title')}
          empty={{ icon: DatabaseZap, title: t('cacheHits.empty') }}
        />
      </div>
    </Card>
  );
}
