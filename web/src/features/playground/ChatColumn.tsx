import { ArrowDown, X } from 'lucide-react';
import { type ReactNode, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelPicker, markProviderOf, type PickerModel } from '../../components/ModelPicker';
import { Button } from '../../components/ui';
import { cn } from '../../lib/cn';
import { AssistantMessage, UserMessage } from './Messages';
import type { ChatRunner } from './runner';
import type { Column, ToolTurn } from './types';

/** Keeps a scroll box at the bottom while content grows, unless the user scrolled up to read. */
function useStickToBottom(dependency: unknown, lastTurnId: string | undefined) {
  const box = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const [away, setAway] = useState(false);
  const lastId = useRef(lastTurnId);

  const onScroll = useCallback(() => {
    const node = box.current;
    if (!node) return;
    const atBottom = node.scrollHeight - node.scrollTop - node.clientHeight < 48;
    stuck.current = atBottom;
    setAway(!atBottom);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the content changes (`dependency`)
  useLayoutEffect(() => {
    const node = box.current;
    if (!node) return;
    // A new turn (the user sent something) always scrolls down.
    if (lastTurnId !== lastId.current) {
      lastId.current = lastTurnId;
      stuck.current = true;
    }
    if (stuck.current) node.scrollTop = node.scrollHeight;
  }, [dependency, lastTurnId]);

  const toBottom = () => {
    const node = box.current;
    if (!node) return;
    stuck.current = true;
    node.scrollTo({ top: node.scrollHeight, behavior: 'smooth' });
  };
  return { box, onScroll, away, toBottom };
}

export interface ChatColumnProps {
  column: Column;
  runner: ChatRunner;
  compare: boolean;
  /** Column index, for labels ("Model 2"). */
  index: number;
  models: PickerModel[] | undefined;
  modelsLoading: boolean;
  modelsError: unknown;
  onRetryModels: () => void;
  onModelChange: (model: string) => void;
  onRemove?: () => void;
  /** Shown when the conversation is empty (single mode: the welcome screen). */
  empty?: ReactNode;
}

/** One conversation: its messages (scrolling, stuck to the bottom while streaming) and, in compare mode, its model. */
export function ChatColumn({
  column,
  runner,
  compare,
  index,
  models,
  modelsLoading,
  modelsError,
  onRetryModels,
  onModelChange,
  onRemove,
  empty,
}: ChatColumnProps) {
  const { t } = useTranslation('playground');
  const turns = column.turns;
  const busy = turns.some((turn) => turn.role === 'assistant' && turn.status === 'streaming');
  const { box, onScroll, away, toBottom } = useStickToBottom(turns, turns[turns.length - 1]?.id);

  // The reply that may take tool results: the last assistant turn, followed only by tool results.
  let lastAssistant = -1;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    if (turn.role === 'assistant') {
      lastAssistant = i;
      break;
    }
    if (turn.role !== 'tool') break;
  }
  const toolResults = turns.filter((turn): turn is ToolTurn => turn.role === 'tool');

  return (
    <section
      className={cn(
        'relative flex min-h-0 min-w-0 flex-1 flex-col',
        compare && 'rounded-xl border border-border bg-card/40',
      )}
      aria-label={compare ? t('compare.columnLabel', { index: index + 1, model: column.model ?? '—' }) : undefined}
      data-testid="chat-column"
    >
      {compare && (
        <div className="flex items-center gap-1 border-b border-border px-2 py-1.5">
          <span className="px-1 text-xs font-semibold text-muted-foreground tabular-nums">{index + 1}</span>
          <ModelPicker
            variant="compact"
            className="min-w-0 flex-1"
            models={models}
            value={column.model}
            onChange={onModelChange}
            loading={modelsLoading}
            error={modelsError}
            onRetry={onRetryModels}
          />
          {onRemove && (
            <Button
              variant="ghost"
              size="icon-sm"
              onClick={onRemove}
              aria-label={t('compare.remove', { index: index + 1 })}
              title={t('compare.remove', { index: index + 1 })}
            >
              <X />
            </Button>
          )}
        </div>
      )}
      <div ref={box} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto">
        {turns.length === 0 ? (
          (empty ?? <p className="px-6 py-16 text-center text-sm text-muted-foreground">{t('compare.emptyColumn')}</p>)
        ) : (
          <div
            className={cn('mx-auto flex w-full flex-col gap-5 px-4 py-6', compare ? 'sm:px-4' : 'max-w-3xl sm:px-6')}
          >
            {turns.map((turn, turnIndex) => {
              if (turn.role === 'user') {
                return (
                  <UserMessage
                    key={turn.id}
                    turn={turn}
                    busy={busy}
                    onEdit={(turnId, content) => runner.editAndResend(column.id, turnId, content)}
                    onDelete={(turnId) => runner.deleteTurn(column.id, turnId)}
                  />
                );
              }
              if (turn.role === 'tool') return null; // shown inside its tool call
              return (
                <AssistantMessage
                  key={turn.id}
                  turn={turn}
                  provider={markProviderOf(models, turn.model)}
                  isLast={turnIndex === lastAssistant}
                  showModel={!compare && turn.model !== column.model}
                  toolResults={toolResults}
                  busy={busy}
                  onRegenerate={() => runner.regenerate(column.id)}
                  onStop={() => runner.stop(column.id)}
                  onEdit={(turnId, content) => runner.editReply(column.id, turnId, content)}
                  onDelete={(turnId) => runner.deleteTurn(column.id, turnId)}
                  onToolResult={(toolCallId, name, content) =>
                    runner.submitToolResult(column.id, toolCallId, name, content)
                  }
                />
              );
            })}
          </div>
        )}
      </div>
      {away && turns.length > 0 && (
        <Button
          variant="outline"
          size="icon-sm"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-pop"
          onClick={toBottom}
          aria-label={t('message.scrollToBottom')}
        >
          <ArrowDown />
        </Button>
      )}
    </section>
  );
}
