import { ImageOff, Pencil, RefreshCw, Square, Trash2 } from 'lucide-react';
import { memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProviderMark } from '../../components/ModelPicker';
import { Button, CopyButton, Textarea } from '../../components/ui';
import { cn } from '../../lib/cn';
import { Markdown } from './Markdown';
import { ReasoningBlock } from './ReasoningBlock';
import { ReplyError } from './ReplyError';
import { ReplyStats } from './ReplyStats';
import { ToolCallBlock } from './ToolCallBlock';
import type { AssistantTurn, ToolTurn, UserTurn } from './types';

function IconAction({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className="size-7 text-muted-foreground"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** Edits a message in place; Ctrl/Cmd+Enter saves, Escape cancels. */
function InlineEditor({
  initial,
  saveLabel,
  onSave,
  onCancel,
}: {
  initial: string;
  saveLabel: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['playground', 'common']);
  const [value, setValue] = useState(initial);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const node = area.current;
    if (!node) return;
    node.focus();
    node.setSelectionRange(node.value.length, node.value.length);
  }, []);
  return (
    <div className="w-full space-y-2">
      <Textarea
        ref={area}
        aria-label={t('message.editLabel')}
        value={value}
        rows={Math.min(12, Math.max(3, value.split('\n').length))}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            onSave(value);
          }
        }}
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel}>
          {t('common:actions.cancel')}
        </Button>
        <Button size="sm" onClick={() => onSave(value)} disabled={!value.trim()}>
          {saveLabel}
        </Button>
      </div>
    </div>
  );
}

export const UserMessage = memo(function UserMessage({
  turn,
  busy,
  onEdit,
  onDelete,
}: {
  turn: UserTurn;
  busy: boolean;
  onEdit: (turnId: string, content: string) => void;
  onDelete: (turnId: string) => void;
}) {
  const { t } = useTranslation('playground');
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <div className="flex justify-end">
        <div className="w-full max-w-[85%]">
          <InlineEditor
            initial={turn.content}
            saveLabel={t('message.saveAndSubmit')}
            onCancel={() => setEditing(false)}
            onSave={(text) => {
              setEditing(false);
              onEdit(turn.id, text);
            }}
          />
        </div>
      </div>
    );
  }
  const actions = (
    <>
      <CopyButton value={turn.content} className="size-7 text-muted-foreground" />
      {!busy && (
        <IconAction label={t('message.edit')} onClick={() => setEditing(true)}>
          <Pencil />
        </IconAction>
      )}
      <IconAction label={t('message.delete')} onClick={() => onDelete(turn.id)}>
        <Trash2 />
      </IconAction>
    </>
  );
  return (
    <div className="group/message flex flex-col items-end gap-1" data-testid="user-message">
      {turn.attachments.length > 0 && (
        <div className="flex max-w-[85%] flex-wrap justify-end gap-2">
          {turn.attachments.map((file) =>
            file.dataUrl ? (
              <img
                key={file.id}
                src={file.dataUrl}
                alt={file.name}
                className="size-24 rounded-lg border border-border object-cover"
              />
            ) : (
              <span
                key={file.id}
                className="flex size-24 flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-border p-2 text-center text-[10px] text-muted-foreground"
                title={t('message.imageDropped')}
              >
                <ImageOff className="size-4" aria-hidden />
                {t('message.imageDroppedShort')}
              </span>
            ),
          )}
        </div>
      )}
      <div className="flex w-full items-end justify-end gap-1">
        <div className="hidden shrink-0 gap-0.5 opacity-0 transition-opacity group-focus-within/message:opacity-100 group-hover/message:opacity-100 sm:flex">
          {actions}
        </div>
        {turn.content && (
          <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary-soft px-4 py-2.5 text-sm leading-relaxed whitespace-pre-wrap break-words text-foreground">
            {turn.content}
          </div>
        )}
      </div>
      <div className="flex gap-0.5 sm:hidden">{actions}</div>
    </div>
  );
});

export const AssistantMessage = memo(function AssistantMessage({
  turn,
  provider,
  isLast,
  showModel,
  toolResults,
  busy,
  onRegenerate,
  onStop,
  onEdit,
  onDelete,
  onToolResult,
}: {
  turn: AssistantTurn;
  /** The catalog vendor of the model asked (markProviderOf): the same mark while streaming and after. */
  provider: string;
  isLast: boolean;
  showModel: boolean;
  toolResults: ToolTurn[];
  busy: boolean;
  onRegenerate: () => void;
  onStop: () => void;
  onEdit: (turnId: string, content: string) => void;
  onDelete: (turnId: string) => void;
  onToolResult: (toolCallId: string, name: string, content: string) => void;
}) {
  const { t } = useTranslation(['playground', 'common']);
  const [editing, setEditing] = useState(false);
  const streaming = turn.status === 'streaming';
  const waiting = streaming && !turn.content && !turn.reasoning && turn.toolCalls.length === 0 && !turn.refusal;
  const thinking = streaming && Boolean(turn.reasoning) && !turn.content && turn.toolCalls.length === 0;

  return (
    <div
      className="group/message flex gap-3"
      data-testid="assistant-message"
      data-status={turn.status}
      aria-busy={streaming || undefined}
    >
      <ProviderMark provider={provider} className="mt-0.5 hidden sm:flex" />
      <div className="min-w-0 flex-1">
        {showModel && <p className="mb-1 text-xs font-medium text-muted-foreground">{turn.model}</p>}
        {waiting && (
          <div className="flex h-6 items-center gap-1" role="status" aria-label={t('message.waiting')}>
            {[0, 150, 300].map((delay) => (
              <span
                key={delay}
                className="size-1.5 animate-bounce rounded-full bg-muted-foreground/60"
                style={{ animationDelay: `${delay}ms` }}
              />
            ))}
          </div>
        )}
        {turn.reasoning && (
          <ReasoningBlock
            text={turn.reasoning}
            thinking={thinking}
            reasoningMs={turn.reasoningMs}
            startedAt={turn.startedAt}
          />
        )}
        {editing ? (
          <InlineEditor
            initial={turn.content}
            saveLabel={t('common:actions.save')}
            onCancel={() => setEditing(false)}
            onSave={(text) => {
              setEditing(false);
              onEdit(turn.id, text);
            }}
          />
        ) : (
          turn.content && (
            <div data-testid="assistant-content">
              <Markdown text={turn.content} />
              {streaming && (
                <span
                  className="mt-1 inline-block size-2 animate-pulse rounded-full bg-primary align-middle"
                  aria-hidden
                />
              )}
            </div>
          )
        )}
        {turn.refusal && (
          <p className="mt-2 rounded-lg border border-warning/30 bg-warning-soft/50 px-3 py-2 text-sm">
            <span className="font-medium">{t('message.refusal')} </span>
            {turn.refusal}
          </p>
        )}
        {turn.toolCalls.map((call) => (
          <ToolCallBlock
            key={call.index}
            call={call}
            result={toolResults.find((result) => result.toolCallId === call.id)}
            canAnswer={isLast && !streaming && !busy}
            onSubmit={(content) => onToolResult(call.id, call.name, content)}
          />
        ))}
        {turn.status === 'stopped' && (
          <p className="mt-2 text-xs text-muted-foreground">
            <Square className="mr-1 inline size-3" aria-hidden />
            {t('message.stopped')}
          </p>
        )}
        {turn.finishReason === 'length' && turn.status === 'done' && (
          <p className="mt-2 text-xs text-warning">{t('message.truncated')}</p>
        )}
        {turn.error && <ReplyError error={turn.error} onRetry={isLast && !busy ? onRegenerate : undefined} />}
        {turn.stats && !streaming && <ReplyStats stats={turn.stats} />}
        {!editing && (
          <div
            className={cn(
              'mt-1 -ml-1.5 flex gap-0.5 transition-opacity',
              isLast
                ? 'opacity-100'
                : 'opacity-100 sm:opacity-0 sm:group-focus-within/message:opacity-100 sm:group-hover/message:opacity-100',
            )}
          >
            {streaming ? (
              <Button variant="ghost" size="sm" className="h-7 text-muted-foreground" onClick={onStop}>
                <Square />
                {t('message.stop')}
              </Button>
            ) : (
              <>
                {turn.content && <CopyButton value={turn.content} className="size-7 text-muted-foreground" />}
                {isLast && !busy && (
                  <IconAction label={t('message.regenerate')} onClick={onRegenerate}>
                    <RefreshCw />
                  </IconAction>
                )}
                {!busy && (
                  <IconAction label={t('message.edit')} onClick={() => setEditing(true)}>
                    <Pencil />
                  </IconAction>
                )}
                <IconAction label={t('message.delete')} onClick={() => onDelete(turn.id)}>
                  <Trash2 />
                </IconAction>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
});
