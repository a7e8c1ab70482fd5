import { Play, Power, PowerOff, Square } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '../../../components/ui';
import { type TestAllProgress, useBulkStatus } from './tools-api';
import type { Channel } from './types';

export interface ChannelToolbarProps {
  /** The channels the filters show: what "test all" tests when nothing is ticked. */
  visible: Channel[];
  selected: Set<string>;
  onClearSelection: () => void;
  progress: TestAllProgress;
  onTestAll: () => void;
  onCancelTests: () => void;
}

/** Test all (with its progress bar) and bulk enable/disable of the ticked channels. */
export function ChannelToolbar({
  visible,
  selected,
  onClearSelection,
  progress,
  onTestAll,
  onCancelTests,
}: ChannelToolbarProps) {
  const { t } = useTranslation('channels');
  const toast = useToast();
  const bulk = useBulkStatus();
  const ticked = visible.filter((channel) => selected.has(channel.id));
  const setStatus = (status: 'enabled' | 'disabled') =>
    bulk.mutate(
      { ids: ticked.map((channel) => channel.id), status },
      {
        onSuccess: (answer) => {
          toast.success(
            t(status === 'enabled' ? 'tools.bulkEnabled' : 'tools.bulkDisabled', { count: answer.updated }),
          );
          onClearSelection();
        },
        onError: (error) => toast.error(error),
      },
    );
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="space-y-2 border-b border-border px-4 py-3">
      <div className="flex flex-wrap items-center gap-2">
        {progress.running ? (
          <Button variant="outline" size="sm" onClick={onCancelTests}>
            <Square />
            {t('tools.stopTests')}
          </Button>
        ) : (
          <Button variant="outline" size="sm" onClick={onTestAll} disabled={visible.length === 0}>
            <Play />
            {ticked.length > 0
              ? t('tools.testSelected', { count: ticked.length })
              : t('tools.testAll', { count: visible.length })}
          </Button>
        )}
        {ticked.length > 0 && (
          <>
            <span className="text-xs text-muted-foreground">{t('tools.selected', { count: ticked.length })}</span>
            <Button variant="outline" size="sm" loading={bulk.isPending} onClick={() => setStatus('enabled')}>
              <Power />
              {t('tools.enableSelected')}
            </Button>
            <Button variant="outline" size="sm" loading={bulk.isPending} onClick={() => setStatus('disabled')}>
              <PowerOff />
              {t('tools.disableSelected')}
            </Button>
          </>
        )}
      </div>
      {progress.total > 0 && (
        <div className="flex items-center gap-3">
          <div
            className="h-2 flex-1 overflow-hidden rounded-full bg-muted"
            role="progressbar"
            aria-label={t('tools.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <span className="text-xs text-muted-foreground tabular-nums" data-testid="test-progress">
            {t('tools.progress', { done: progress.done, total: progress.total })}
          </span>
        </div>
      )}
    </div>
  );
}
