import { AudioLines, Braces, Brain, DatabaseZap, Eye, FileText, type LucideIcon, Wrench } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { CAPABILITIES, type Capability } from './model-filter';

export const CAPABILITY_ICONS: Record<Capability, LucideIcon> = {
  vision: Eye,
  tools: Wrench,
  reasoning: Brain,
  structuredOutput: Braces,
  promptCaching: DatabaseZap,
  pdf: FileText,
  audioInput: AudioLines,
};

/** Small labelled chips for what a model can do; nothing when it has none of them. */
export function CapabilityBadges({
  capabilities,
  className,
  compact,
}: {
  capabilities: Record<string, boolean>;
  className?: string;
  /** Icons only (the name as tooltip and for screen readers): for table rows. */
  compact?: boolean;
}) {
  const { t } = useTranslation('models');
  const present = CAPABILITIES.filter((capability) => capabilities[capability]);
  if (present.length === 0) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <ul
      className={cn('flex gap-1', compact ? 'flex-nowrap' : 'flex-wrap', className)}
      aria-label={t('capabilities.label')}
    >
      {present.map((capability) => {
        const Icon = CAPABILITY_ICONS[capability];
        if (compact) {
          return (
            <li
              key={capability}
              title={t(`capabilities.${capability}`)}
              className="flex size-6 items-center justify-center rounded-md border border-border bg-muted/50 text-muted-foreground"
            >
              <Icon className="size-3.5" aria-hidden />
              <span className="sr-only">{t(`capabilities.${capability}`)}</span>
            </li>
          );
        }
        return (
          <li
            key={capability}
            className="inline-flex items-center gap-1 rounded-md border border-border bg-muted/50 px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-muted-foreground"
          >
            <Icon className="size-3" aria-hidden />
            {t(`capabilities.${capability}`)}
          </li>
        );
      })}
    </ul>
  );
}
