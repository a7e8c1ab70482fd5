import { useQueryClient } from '@tanstack/react-query';
import { Plus, RefreshCw, Search } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Input,
  SegmentedControl,
  Select,
  Skeleton,
  TabPanel,
  Tabs,
  useToast,
} from '../../../components/ui';
import { useVendorsQuery } from '../../../lib/vendors';
import { routeSpeedQueryKey, useChannels, useDeleteChannel, useRoutingHealth, useSetChannelStatus } from './api';
import type { ChannelActionHandlers, LastTest } from './ChannelActions';
import { ChannelFormDrawer } from './ChannelFormDrawer';
import { ChannelList } from './ChannelList';
import { ChannelSummary } from './ChannelSummary';
import { ChannelsEmpty } from './ChannelsEmpty';
import { ChannelToolbar } from './ChannelToolbar';
import { DisableChannelDialog } from './DisableChannelDialog';
import { RouteSpeedPanel } from './RouteSpeedPanel';
import { TestChannelDialog } from './TestChannelDialog';
import { useTestAll } from './tools-api';
import type { Channel, ChannelStatus, ChannelTestResult } from './types';
import { UnpricedAlert } from './UpstreamModelPicker';

type StatusFilter = 'all' | ChannelStatus;
const TABS = ['channels', 'speed'] as const;
type Tab = (typeof TABS)[number];

/**
 * Upstream channels: list with status and health, create/edit drawer, test, enable/disable, delete;
 * and (?tab=speed) the measured speed of each channel and model.
 */
export function ChannelsPage() {
  const { t } = useTranslation(['channels', 'common']);
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'speed' ? 'speed' : 'channels';
  const chooseTab = (next: Tab) =>
    setParams(
      (current) => {
        const search = new URLSearchParams(current);
        if (next === 'channels') search.delete('tab');
        else search.set('tab', next);
        return search;
      },
      { replace: true },
    );
  const toast = useToast();
  const queryClient = useQueryClient();
  const channels = useChannels();
  // The vendor list (default URLs, model globs, names, badges) is part of what the page shows.
  const vendors = useVendorsQuery();
  const health = useRoutingHealth();
  const setStatus = useSetChannelStatus();
  const remove = useDeleteChannel();

  const [drawer, setDrawer] = useState<{ open: boolean; channelId?: string }>({ open: false });
  const [testing, setTesting] = useState<Channel | null>(null);
  const [disabling, setDisabling] = useState<Channel | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [toggling, setToggling] = useState<Set<string>>(new Set());
  const [lastTests, setLastTests] = useState<Record<string, LastTest>>({});
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [tagFilter, setTagFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [inFlight, setInFlight] = useState<Set<string>>(new Set());
  const recordTest = useCallback((result: ChannelTestResult) => {
    setLastTests((current) => ({ ...current, [result.channelId]: { ...result, at: Date.now() } }));
    setInFlight((current) => {
      const next = new Set(current);
      next.delete(result.channelId);
      return next;
    });
  }, []);
  const testAll = useTestAll(recordTest);
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });

  const list = channels.data;
  const editing = drawer.channelId ? list?.find((channel) => channel.id === drawer.channelId) : undefined;

  const changeStatus = (channel: Channel, enabled: boolean, reason?: string) => {
    setToggling((current) => new Set(current).add(channel.id));
    setStatus.mutate(
      { id: channel.id, enabled, reason },
      {
        onSuccess: () => {
          toast.success(
            enabled ? t('list.enabled', { name: channel.name }) : t('list.disabled', { name: channel.name }),
          );
          setDisabling(null);
        },
        onError: (error) => toast.error(error),
        onSettled: () =>
          setToggling((current) => {
            const next = new Set(current);
            next.delete(channel.id);
            return next;
          }),
      },
    );
  };

  const handlers: ChannelActionHandlers = {
    onEdit: (channel) => setDrawer({ open: true, channelId: channel.id }),
    onTest: (channel) => setTesting(channel),
    onToggle: (channel, enabled) => (enabled ? changeStatus(channel, true) : setDisabling(channel)),
    onDelete: (channel) => setDeleting(channel),
    toggling,
  };

  const filtered = useMemo(() => {
    const query = search.trim().toLowerCase();
    return (list ?? []).filter((channel) => {
      if (statusFilter !== 'all' && channel.status !== statusFilter) return false;
      if (tagFilter && !channel.tags.includes(tagFilter)) return false;
      if (!query) return true;
      return [channel.name, channel.type, channel.baseUrl, ...(channel.models ?? []), ...(channel.groups ?? [])].some(
        (text) => text.toLowerCase().includes(query),
      );
    });
  }, [list, search, statusFilter, tagFilter]);
  const tags = useMemo(() => [...new Set((list ?? []).flatMap((channel) => channel.tags))].sort(), [list]);
  const unpriced = useMemo(
    () => [...new Set((list ?? []).flatMap((channel) => channel.unpricedModels ?? []))].sort(),
    [list],
  );
  const runTests = () => {
    const ids =
      selected.size > 0 ? filtered.filter((c) => selected.has(c.id)).map((c) => c.id) : filtered.map((c) => c.id);
    setInFlight(new Set(ids));
    void testAll.run(ids).then(() => setInFlight(new Set()));
  };

  const openCreate = () => setDrawer({ open: true });
  const hasChannels = (list?.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button
              variant="outline"
              size="icon"
              onClick={() => {
                void channels.refetch();
                void health.refetch();
                void queryClient.invalidateQueries({ queryKey: routeSpeedQueryKey });
              }}
              aria-label={t('common:actions.refresh')}
              disabled={channels.isFetching}
            >
              <RefreshCw className={channels.isFetching ? 'animate-spin' : undefined} />
            </Button>
            <Button onClick={openCreate}>
              <Plus />
              {t('add')}
            </Button>
          </>
        }
      />

      <Tabs<Tab>
        label={t('tabs.label')}
        value={tab}
        onChange={chooseTab}
        tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))}
        className="mb-5"
      />
      {tab === 'speed' ? (
        <TabPanel className="pt-0">
          <RouteSpeedPanel />
        </TabPanel>
      ) : (
        <TabPanel className="pt-0">
          {hasChannels && list && <ChannelSummary channels={list} health={health.data} />}
          {unpriced.length > 0 && <UnpricedAlert models={unpriced} />}

          <Card className="overflow-hidden">
            {channels.isLoading || vendors.isLoading ? (
              <div className="space-y-4 p-5" aria-busy>
                {[0, 1, 2].map((index) => (
                  <div key={index} className="flex items-center gap-3">
                    <Skeleton className="size-8 rounded-lg" />
                    <div className="flex-1 space-y-2">
                      <Skeleton className="h-4 w-40" />
                      <Skeleton className="h-3 w-64" />
                    </div>
                    <Skeleton className="h-6 w-20" />
                  </div>
                ))}
              </div>
            ) : channels.isError ? (
              <ErrorState error={channels.error} onRetry={() => channels.refetch()} retrying={channels.isFetching} />
            ) : !hasChannels ? (
              <ChannelsEmpty onAdd={openCreate} />
            ) : (
              <>
                <div className="flex flex-col gap-3 border-b border-border px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <Input
                    leading={<Search />}
                    value={search}
                    onChange={(event) => setSearch(event.target.value)}
                    placeholder={t('list.search')}
                    aria-label={t('list.search')}
                    className="sm:w-72"
                  />
                  <SegmentedControl
                    size="sm"
                    label={t('list.filterLabel')}
                    value={statusFilter}
                    onChange={setStatusFilter}
                    options={[
                      { value: 'all', label: t('list.filterAll') },
                      { value: 'enabled', label: t('status.enabled') },
                      { value: 'disabled', label: t('status.disabled') },
                      { value: 'auto_disabled', label: t('status.auto_disabled') },
                    ]}
                    className="self-start overflow-x-auto sm:self-auto"
                  />
                  {tags.length > 0 && (
                    <Select
                      aria-label={t('tools.tagFilter')}
                      value={tagFilter}
                      onChange={(event) => setTagFilter(event.target.value)}
                      className="sm:w-40"
                      options={[
                        { value: '', label: t('tools.allTags') },
                        ...tags.map((tag) => ({ value: tag, label: `#${tag}` })),
                      ]}
                    />
                  )}
                </div>
                <ChannelToolbar
                  visible={filtered}
                  selected={selected}
                  onClearSelection={() => setSelected(new Set())}
                  progress={testAll.progress}
                  onTestAll={runTests}
                  onCancelTests={() => {
                    testAll.cancel();
                    setInFlight(new Set());
                  }}
                />
                {filtered.length === 0 ? (
                  <EmptyState icon={Search} title={t('common:states.noResults')} />
                ) : (
                  <ChannelList
                    channels={filtered}
                    health={health.data}
                    lastTests={lastTests}
                    handlers={handlers}
                    selected={selected}
                    onSelect={select}
                    testing={inFlight}
                  />
                )}
              </>
            )}
          </Card>
        </TabPanel>
      )}

      <ChannelFormDrawer
        open={drawer.open}
        channel={editing}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
      <TestChannelDialog
        channel={testing}
        onClose={() => setTesting(null)}
        onResult={(result) =>
          setLastTests((current) => ({ ...current, [result.channelId]: { ...result, at: Date.now() } }))
        }
      />
      <DisableChannelDialog
        channel={disabling}
        onClose={() => setDisabling(null)}
        loading={setStatus.isPending}
        onConfirm={(reason) => disabling && changeStatus(disabling, false, reason || undefined)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        danger
        loading={remove.isPending}
        title={t('delete.title', { name: deleting?.name ?? '' })}
        description={t('delete.text')}
        onConfirm={() => {
          if (!deleting) return;
          const name = deleting.name;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('delete.done', { name }));
              setDeleting(null);
            },
            onError: (error) => toast.error(error),
          });
        }}
      />
    </>
  );
}
