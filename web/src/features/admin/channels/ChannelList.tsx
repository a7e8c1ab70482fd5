import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, Spinner, Table, type TableColumn, Tooltip } from '../../../components/ui';
import { formatRelative } from '../../../lib/format';
import { useVendorLabel, useVendors } from '../../../lib/vendors';
import { BalanceCell } from './BalanceCell';
import {
  type ChannelActionHandlers,
  ChannelActions,
  type LastTest,
  LastTestBadge,
  type TestOutcome,
} from './ChannelActions';
import { ppmToFactorText } from './cost-form';
import { HealthCell, HoverTarget, KeyPoolSummary, StatusBadge } from './status';
import type { Channel, RoutingHealth } from './types';
import { VendorIcon } from './VendorBadge';

export interface ChannelListProps {
  channels: Channel[];
  health: RoutingHealth | undefined;
  lastTests: Record<string, LastTest>;
  handlers: ChannelActionHandlers;
  /** Ticked channels (for test-all and bulk enable/disable). */
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  /** Channel ids whose test is in flight (test all). */
  testing: Set<string>;
}

/** This session's test of the channel, else the last one the server kept. */
function lastTestOf(channel: Channel, lastTests: Record<string, LastTest>): TestOutcome | undefined {
  return lastTests[channel.id] ?? channel.lastTest ?? undefined;
}

function host(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Name, source (env/config are read-only), vendor and base URL. */
function ChannelIdentity({ channel, onOpen }: { channel: Channel; onOpen: () => void }) {
  const { t } = useTranslation('channels');
  const vendorLabel = useVendorLabel();
  return (
    <div className="flex min-w-0 items-start gap-3">
      <VendorIcon type={channel.type} className="mt-0.5" />
      <div className="min-w-0 space-y-0.5">
        <div className="flex flex-wrap items-center gap-1.5">
          <button
            type="button"
            onClick={onOpen}
            className="cursor-pointer truncate text-left text-sm font-medium hover:text-primary hover:underline"
          >
            {channel.name}
          </button>
          {channel.readOnly && (
            <Tooltip content={t(channel.source === 'env' ? 'list.fromEnv' : 'list.fromConfig')}>
              <Badge variant="outline" className="gap-1 px-1.5 py-0 text-[10px] uppercase">
                <Lock className="size-2.5" aria-hidden />
                {t(channel.source === 'env' ? 'list.sourceEnv' : 'list.sourceConfig')}
              </Badge>
            </Tooltip>
          )}
          {(channel.unpricedModels?.length ?? 0) > 0 && (
            <Tooltip
              content={
                <span className="block w-64 text-left font-mono whitespace-normal">
                  {channel.unpricedModels?.join(', ')}
                </span>
              }
            >
              <Badge variant="warning" data-testid="unpriced-badge">
                {t('tools.unpricedBadge', { count: channel.unpricedModels?.length ?? 0 })}
              </Badge>
            </Tooltip>
          )}
          {channel.tags.map((tag) => (
            <Badge key={tag} variant="outline" className="px-1.5 py-0 text-[10px]">
              #{tag}
            </Badge>
          ))}
          {channel.warnings.length > 0 && (
            <Tooltip
              content={<span className="block w-64 text-left whitespace-normal">{channel.warnings.join(' ')}</span>}
            >
              <Badge variant="warning">{t('list.warning')}</Badge>
            </Tooltip>
          )}
        </div>
        <p className="truncate text-xs text-muted-foreground" title={channel.baseUrl}>
          {vendorLabel(channel.type)} · <span className="font-mono">{host(channel.baseUrl)}</span>
        </p>
      </div>
    </div>
  );
}

function ModelsCell({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  const vendors = useVendors();
  const mapped = Object.keys(channel.modelMapping).length;
  const models = channel.models ?? vendors.of(channel.type).modelGlobs;
  const list = (
    <span className="block w-64 space-y-0.5 text-left font-mono whitespace-normal">
      {models.slice(0, 15).map((model) => (
        <span key={model} className="block truncate">
          {model}
        </span>
      ))}
      {models.length > 15 && (
        <span className="block opacity-70">{t('list.moreModels', { count: models.length - 15 })}</span>
      )}
    </span>
  );
  const label = channel.models ? t('list.models', { count: channel.models.length }) : t('list.vendorDefault');
  return (
    <div className="space-y-0.5">
      {models.length > 0 ? (
        <Tooltip content={list}>
          <HoverTarget className="text-sm whitespace-nowrap underline decoration-border decoration-dotted underline-offset-4">
            {label}
          </HoverTarget>
        </Tooltip>
      ) : (
        <span className="text-sm whitespace-nowrap">{label}</span>
      )}
      {mapped > 0 && <p className="text-xs text-muted-foreground">{t('list.mapped', { count: mapped })}</p>}
    </div>
  );
}

/** "Cost ×0.3 · 2 fixed prices": what the channel costs the operator, when it is not the list price. */
function CostBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  const cost = channel.cost;
  if (!cost) return null;
  const fixed = Object.keys(cost.models ?? {});
  const factor = cost.multiplierPpm === undefined ? undefined : ppmToFactorText(cost.multiplierPpm);
  const parts = [
    ...(factor !== undefined ? [t('list.cost', { factor })] : []),
    ...(fixed.length > 0 ? [t('list.costFixed', { count: fixed.length })] : []),
  ];
  return (
    <Tooltip
      content={
        <span className="block w-64 space-y-1 text-left whitespace-normal">
          <span className="block">
            {factor !== undefined ? t('list.costHint', { factor }) : t('list.costHintFixed')}
          </span>
          {fixed.length > 0 && <span className="block font-mono">{fixed.slice(0, 10).join(', ')}</span>}
        </span>
      }
    >
      <Badge variant="info" className="px-1.5 py-0 whitespace-nowrap tabular-nums" data-testid="channel-cost-badge">
        {parts.join(' · ')}
      </Badge>
    </Tooltip>
  );
}

function RoutingCell({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-sm tabular-nums">
        <span className="whitespace-nowrap">
          <span className="text-muted-foreground">{t('list.priorityShort')}</span> {channel.priority}
        </span>
        <span className="whitespace-nowrap">
          <span className="text-muted-foreground">{t('list.weightShort')}</span> {channel.weight}
        </span>
        {channel.weight === 0 && (
          <Badge variant="warning" className="ml-1.5">
            {t('list.drained')}
          </Badge>
        )}
      </p>
      <div className="flex flex-wrap gap-1">
        {channel.groups ? (
          channel.groups.slice(0, 3).map((group) => (
            <Badge key={group} variant="outline" className="px-1.5 py-0">
              {group}
            </Badge>
          ))
        ) : (
          <span className="text-xs text-muted-foreground">{t('list.allGroups')}</span>
        )}
        {channel.groups && channel.groups.length > 3 && (
          <span className="text-xs text-muted-foreground">+{channel.groups.length - 3}</span>
        )}
      </div>
      <CostBadge channel={channel} />
    </div>
  );
}

function StatusCell({
  channel,
  health,
  lastTest,
}: {
  channel: Channel;
  health: RoutingHealth | undefined;
  lastTest: TestOutcome | undefined;
}) {
  return (
    <div className="flex flex-col items-start gap-1">
      <StatusBadge status={channel.status} reason={channel.statusReason} changedAt={channel.statusChangedAt} />
      {channel.status !== 'enabled' ? (
        (channel.statusReason || channel.statusChangedAt) && (
          <p
            className="max-w-40 truncate text-xs text-muted-foreground"
            title={channel.statusReason ?? undefined}
            data-testid="status-reason"
          >
            {[channel.statusReason, channel.statusChangedAt ? formatRelative(channel.statusChangedAt) : null]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )
      ) : (
        <HealthCell channel={channel} health={health} />
      )}
      <LastTestBadge result={lastTest} />
    </div>
  );
}

/** Desktop: a table. Phones: one card per channel. */
export function ChannelList({ channels, health, lastTests, handlers, selected, onSelect, testing }: ChannelListProps) {
  const { t } = useTranslation('channels');
  const allSelected = channels.length > 0 && channels.every((channel) => selected.has(channel.id));
  const columns: TableColumn<Channel>[] = [
    {
      key: 'select',
      header: (
        <input
          type="checkbox"
          aria-label={t('tools.selectAllRows')}
          checked={allSelected}
          onChange={(event) =>
            onSelect(
              channels.map((channel) => channel.id),
              event.target.checked,
            )
          }
        />
      ),
      cell: (channel) => (
        <input
          type="checkbox"
          aria-label={t('tools.selectRow', { name: channel.name })}
          checked={selected.has(channel.id)}
          onChange={(event) => onSelect([channel.id], event.target.checked)}
        />
      ),
    },
    {
      key: 'channel',
      header: t('list.columns.channel'),
      cell: (channel) => <ChannelIdentity channel={channel} onOpen={() => handlers.onEdit(channel)} />,
      className: 'max-w-72',
    },
    { key: 'models', header: t('list.columns.models'), cell: (channel) => <ModelsCell channel={channel} /> },
    { key: 'routing', header: t('list.columns.routing'), cell: (channel) => <RoutingCell channel={channel} /> },
    {
      key: 'keys',
      header: t('list.columns.keys'),
      cell: (channel) => <KeyPoolSummary channel={channel} health={health} />,
      className: 'hidden lg:table-cell',
    },
    {
      key: 'status',
      header: t('list.columns.status'),
      cell: (channel) => <StatusCell channel={channel} health={health} lastTest={undefined} />,
    },
    {
      key: 'latency',
      header: t('tools.latency'),
      cell: (channel) =>
        testing.has(channel.id) ? (
          <Spinner className="size-4" aria-label={t('tools.testing')} />
        ) : (
          <span data-testid="latency-cell">
            <LastTestBadge result={lastTestOf(channel, lastTests)} />
            {!lastTestOf(channel, lastTests) && <span className="text-xs text-muted-foreground">—</span>}
          </span>
        ),
    },
    {
      key: 'balance',
      header: t('tools.balance'),
      cell: (channel) => <BalanceCell channel={channel} />,
      className: 'hidden xl:table-cell',
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('list.columns.actions')}</span>,
      cell: (channel) => <ChannelActions channel={channel} handlers={handlers} />,
      align: 'right',
    },
  ];
  return (
    <>
      {/* relative: the header's sr-only label stays inside the card when the table scrolls sideways. */}
      <div className="relative hidden md:block">
        <Table columns={columns} rows={channels} rowKey={(channel) => channel.id} label={t('list.label')} />
      </div>
      <ul className="divide-y divide-border md:hidden" aria-label={t('list.label')}>
        {channels.map((channel) => (
          <li key={channel.id} className="space-y-3 px-4 py-4">
            <div className="flex items-start justify-between gap-3">
              <ChannelIdentity channel={channel} onOpen={() => handlers.onEdit(channel)} />
              <StatusBadge status={channel.status} reason={channel.statusReason} changedAt={channel.statusChangedAt} />
            </div>
            <div className="grid grid-cols-2 gap-3 pl-11">
              <ModelsCell channel={channel} />
              <RoutingCell channel={channel} />
              <KeyPoolSummary channel={channel} health={health} />
              {channel.status === 'enabled' ? (
                <HealthCell channel={channel} health={health} />
              ) : (
                <p className="truncate text-xs text-muted-foreground">{channel.statusReason}</p>
              )}
            </div>
            <div className="flex items-center justify-between gap-2 pl-11">
              <LastTestBadge result={lastTestOf(channel, lastTests)} />
              <ChannelActions channel={channel} handlers={handlers} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
