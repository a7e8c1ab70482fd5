import { Eye, MoreHorizontal, Pencil, Play, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, DropdownMenu, MenuItem, MenuSeparator, Switch, Tooltip } from '../../../components/ui';
import { formatLatency, formatRelative } from '../../../lib/format';
import type { Channel, ChannelTestResult } from './types';

export interface LastTest extends ChannelTestResult {
  at: number;
}

export interface ChannelActionHandlers {
  onEdit: (channel: Channel) => void;
  onTest: (channel: Channel) => void;
  onToggle: (channel: Channel, enabled: boolean) => void;
  onDelete: (channel: Channel) => void;
  /** Channel ids whose enable/disable is in flight. */
  toggling: Set<string>;
}

/** Test button, on/off switch and the overflow menu (edit or view, delete) of one channel. */
export function ChannelActions({ channel, handlers }: { channel: Channel; handlers: ChannelActionHandlers }) {
  const { t } = useTranslation(['channels', 'common']);
  return (
    <div className="flex items-center justify-end gap-2">
      <Button
        variant="outline"
        size="sm"
        onClick={() => handlers.onTest(channel)}
        aria-label={t('list.testNamed', { name: channel.name })}
        title={t('list.test')}
        className="md:max-2xl:px-2.5"
      >
        <Play />
        {/* The label shows on phones (cards) and wide screens; in between the table keeps to its width. */}
        <span className="md:max-2xl:hidden">{t('list.test')}</span>
      </Button>
      <Switch
        checked={channel.status === 'enabled'}
        onCheckedChange={(checked) => handlers.onToggle(channel, checked)}
        disabled={handlers.toggling.has(channel.id)}
        aria-label={t('list.toggle', { name: channel.name })}
      />
      <DropdownMenu
        trigger={(props) => (
          <Button variant="ghost" size="icon-sm" aria-label={t('list.menu', { name: channel.name })} {...props}>
            <MoreHorizontal />
          </Button>
        )}
      >
        <MenuItem icon={channel.readOnly ? <Eye /> : <Pencil />} onSelect={() => handlers.onEdit(channel)}>
          {channel.readOnly ? t('list.view') : t('common:actions.edit')}
        </MenuItem>
        <MenuItem icon={<Play />} onSelect={() => handlers.onTest(channel)}>
          {t('list.test')}
        </MenuItem>
        {!channel.readOnly && (
          <>
            <MenuSeparator />
            <MenuItem icon={<Trash2 />} danger onSelect={() => handlers.onDelete(channel)}>
              {t('common:actions.delete')}
            </MenuItem>
          </>
        )}
      </DropdownMenu>
    </div>
  );
}

/** "OK · 212 ms" or "Failed", from the last test run in this session. */
/** What the badge needs: a test from this session or the last one the server kept. */
export type TestOutcome = Pick<LastTest, 'ok' | 'latencyMs' | 'at'> & { error?: { message: string } | null };

export function LastTestBadge({ result }: { result: TestOutcome | undefined }) {
  const { t } = useTranslation('channels');
  if (!result) return null;
  const content = result.ok
    ? t('list.lastTestOk', { time: formatRelative(result.at) })
    : `${result.error?.message ?? t('test.failed')}`;
  return (
    <Tooltip content={<span className="block max-w-72 text-left whitespace-normal">{content}</span>}>
      <Badge variant={result.ok ? 'success' : 'danger'} data-testid="last-test">
        {result.ok ? formatLatency(result.latencyMs) : t('list.testFailed')}
      </Badge>
    </Tooltip>
  );
}
