import { Brain, ChevronRight } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

/** Elapsed seconds since `since`, ticking while `running`. */
function useElapsedSeconds(since: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [running]);
  return Math.max(0, Math.floor(((running ? now : Date.now()) - since) / 1000));
}

/**
 * The model's reasoning, collapsible: open and streaming live while the model thinks ("Thinking…
 * 4 s"), then folded to "Thought for 6 s" once the answer begins (the user's own toggle wins).
 */
export function ReasoningBlock({
  text,
  thinking,
  reasoningMs,
  startedAt,
}: {
  text: string;
  /** Still reasoning: no answer text yet and the stream is open. */
  thinking: boolean;
  reasoningMs: number | null;
  startedAt: number;
}) {
  const { t } = useTranslation('playground');
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const open = userOpen ?? thinking;
  const elapsed = useElapsedSeconds(startedAt, thinking);
  const panelId = useId();
  const seconds = reasoningMs !== null ? Math.max(1, Math.round(reasoningMs / 1000)) : null;
  const label = thinking
    ? t('reasoning.thinking', { seconds: elapsed })
    : seconds !== null
      ? t('reasoning.thoughtFor', { count: seconds })
      : t('reasoning.title');
  return (
    <div className="mb-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setUserOpen(!open)}
        className="inline-flex cursor-pointer items-center gap-1.5 rounded-md py-1 pr-2 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground"
      >
        <Brain className={cn('size-3.5', thinking && 'animate-pulse text-primary')} aria-hidden />
        <span>{label}</span>
        <ChevronRight className={cn('size-3.5 transition-transform', open && 'rotate-90')} aria-hidden />
      </button>
      {open && (
        <div
          id={panelId}
          className="mt-1 max-h-80 overflow-y-auto border-l-2 border-border pl-3 text-[13px] leading-relaxed whitespace-pre-wrap text-muted-foreground"
        >
          {text}
        </div>
      )}
    </div>
  );
}
