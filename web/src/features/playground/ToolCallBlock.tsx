import { CornerDownLeft, Wrench } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Textarea } from '../../components/ui';
import type { ToolCallState } from './chat-stream';
import { HighlightedCode } from './highlight';
import type { ToolTurn } from './types';

/** Arguments as indented JSON when they parse (they arrive as a string, possibly half-streamed). */
export function prettyArguments(text: string): string {
  if (!text.trim()) return '{}';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * A tool call the model made: its name and arguments, and the result the user gave, or a box to
 * give one (the model continues when every call of the reply has its result).
 */
export function ToolCallBlock({
  call,
  result,
  canAnswer,
  onSubmit,
}: {
  call: ToolCallState;
  result: ToolTurn | undefined;
  canAnswer: boolean;
  onSubmit: (content: string) => void;
}) {
  const { t } = useTranslation('playground');
  const [value, setValue] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSubmit(value);
  };
  return (
    <div className="my-3 overflow-hidden rounded-lg border border-border bg-card" data-testid="tool-call">
      <div className="flex items-center gap-2 border-b border-border bg-muted/50 px-3 py-2 text-xs">
        <Wrench className="size-3.5 text-muted-foreground" aria-hidden />
        <span className="text-muted-foreground">{t('tools.called')}</span>
        <code className="font-mono font-semibold text-foreground">{call.name || '…'}</code>
        {call.id && <span className="ml-auto truncate font-mono text-[10px] text-muted-foreground">{call.id}</span>}
      </div>
      <HighlightedCode code={prettyArguments(call.arguments)} language="json" className="max-h-72 px-3 py-2.5" />
      {result ? (
        <div className="border-t border-border px-3 py-2 text-xs">
          <p className="mb-1 font-medium text-muted-foreground">{t('tools.result')}</p>
          <pre className="font-mono whitespace-pre-wrap text-foreground">{result.content}</pre>
        </div>
      ) : canAnswer ? (
        <form onSubmit={submit} className="flex items-end gap-2 border-t border-border px-3 py-2">
          <label htmlFor={inputId} className="sr-only">
            {t('tools.resultLabel', { name: call.name })}
          </label>
          <Textarea
            id={inputId}
            rows={1}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder={t('tools.resultPlaceholder')}
            className="min-h-9 flex-1 font-mono text-xs"
          />
          <Button type="submit" size="sm" variant="outline" disabled={!value.trim()}>
            <CornerDownLeft />
            {t('tools.submit')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
