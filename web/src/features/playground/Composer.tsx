import { ArrowUp, Paperclip, Square, X } from 'lucide-react';
import { type ClipboardEvent, type KeyboardEvent, type Ref, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Tooltip } from '../../components/ui';
import { cn } from '../../lib/cn';
import { type AttachmentProblem, formatBytes, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES } from './attachments';
import type { Attachment } from './types';

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  attachments: Attachment[];
  onAddFiles: (files: File[]) => void;
  onRemoveAttachment: (id: string) => void;
  problems: AttachmentProblem[];
  onDismissProblems: () => void;
  onSend: () => void;
  onStop: () => void;
  /** A reply is streaming: the send button becomes stop. */
  busy: boolean;
  /** Why sending is not possible now (no model, invalid tools, images for a text-only model), if so. */
  blockedReason: string | null;
  /** The chosen model(s) take images. */
  vision: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line (and Enter while an input method is
 * composing does nothing), images by the clip button, paste or drag and drop.
 */
export function Composer({
  value,
  onChange,
  attachments,
  onAddFiles,
  onRemoveAttachment,
  problems,
  onDismissProblems,
  onSend,
  onStop,
  busy,
  blockedReason,
  vision,
  textareaRef,
}: ComposerProps) {
  const { t } = useTranslation('playground');
  const area = useRef<HTMLTextAreaElement | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const empty = !value.trim() && attachments.length === 0;
  const canSend = !busy && !empty && !blockedReason;

  // On wide screens the box is ready to type in (on phones focusing would pop the keyboard up).
  useEffect(() => {
    if (window.matchMedia('(min-width: 1024px)').matches) area.current?.focus();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text (`value`)
  useLayoutEffect(() => {
    const node = area.current;
    if (!node) return;
    node.style.height = 'auto';
    node.style.height = `${Math.min(node.scrollHeight, 240)}px`;
  }, [value]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && busy) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    if (canSend) onSend();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    onAddFiles(files);
  };

  const problemText = (problem: AttachmentProblem) => {
    switch (problem.kind) {
      case 'type':
        return t('composer.problem.type', { name: problem.name });
      case 'size':
        return t('composer.problem.size', {
          name: problem.name,
          size: formatBytes(problem.size),
          max: formatBytes(MAX_IMAGE_BYTES),
        });
      case 'count':
        return t('composer.problem.count', { max: MAX_IMAGES });
      case 'read':
        return t('composer.problem.read', { name: problem.name });
    }
  };

  return (
    <div className="space-y-2">
      {problems.length > 0 && (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-lg border border-destructive/25 bg-destructive-soft/60 px-3 py-2 text-xs"
        >
          <ul className="flex-1 space-y-0.5">
            {problems.map((problem) => (
              <li key={`${problem.kind}-${'name' in problem ? problem.name : ''}`}>{problemText(problem)}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={onDismissProblems}
            aria-label={t('composer.dismiss')}
            className="cursor-pointer rounded p-0.5 text-muted-foreground hover:text-foreground"
          >
            <X className="size-3.5" />
          </button>
        </div>
      )}
      <div
        className={cn(
          'rounded-2xl border border-input bg-card shadow-soft transition-colors',
          'focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/20',
        )}
      >
        {attachments.length > 0 && (
          <ul className="flex flex-wrap gap-2 px-3 pt-3" aria-label={t('composer.attachments')}>
            {attachments.map((file) => (
              <li key={file.id} className="group/file relative">
                <img
                  src={file.dataUrl}
                  alt={file.name}
                  className="size-16 rounded-lg border border-border object-cover"
                  title={`${file.name} · ${formatBytes(file.size)}`}
                />
                <button
                  type="button"
                  onClick={() => onRemoveAttachment(file.id)}
                  aria-label={t('composer.removeImage', { name: file.name })}
                  className="absolute -top-1.5 -right-1.5 flex size-5 cursor-pointer items-center justify-center rounded-full border border-border bg-popover text-muted-foreground shadow-soft hover:text-foreground"
                >
                  <X className="size-3" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <textarea
          ref={(node) => {
            area.current = node;
            if (typeof textareaRef === 'function') textareaRef(node);
            else if (textareaRef) (textareaRef as { current: HTMLTextAreaElement | null }).current = node;
          }}
          rows={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          className="block max-h-60 min-h-12 w-full resize-none bg-transparent px-4 pt-3 pb-1 text-sm leading-relaxed outline-none placeholder:text-muted-foreground/70"
        />
        <div className="flex items-center gap-2 px-2 pb-2">
          <input
            ref={fileInput}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            multiple
            hidden
            onChange={(event) => {
              onAddFiles([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <Tooltip
            content={vision ? t('composer.attachHint', { max: formatBytes(MAX_IMAGE_BYTES) }) : t('composer.noVision')}
          >
            <Button
              variant="ghost"
              size="icon-sm"
              onClick={() => fileInput.current?.click()}
              disabled={!vision}
              aria-label={t('composer.attach')}
            >
              <Paperclip />
            </Button>
          </Tooltip>
          {/* Why the message cannot go yet, where the keyboard hint is (not only in the button's title). */}
          <p
            className={cn(
              'hidden min-w-0 flex-1 truncate text-[11px] sm:block',
              blockedReason && !busy ? 'text-warning' : 'text-muted-foreground',
            )}
            data-testid="composer-hint"
            title={blockedReason && !busy ? blockedReason : undefined}
          >
            {busy ? t('composer.hintBusy') : (blockedReason ?? t('composer.hint'))}
          </p>
          <div className="flex-1 sm:hidden" />
          {busy ? (
            <Button
              size="icon-sm"
              variant="secondary"
              onClick={onStop}
              aria-label={t('composer.stop')}
              title={t('composer.stop')}
            >
              <Square className="fill-current" />
            </Button>
          ) : (
            <Button
              size="icon-sm"
              onClick={onSend}
              disabled={!canSend}
              aria-label={t('composer.send')}
              title={blockedReason ?? t('composer.send')}
              className="rounded-lg"
            >
              <ArrowUp />
            </Button>
          )}
        </div>
      </div>
      {blockedReason && <p className="text-[11px] text-warning sm:hidden">{blockedReason}</p>}
    </div>
  );
}
