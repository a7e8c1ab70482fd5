import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonSize, type ButtonVariant } from './Button';

export interface CopyButtonProps {
  value: string;
  /** Visible text next to the icon; without it, an icon-only button (labelled "Copy"). */
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** Called after each copy (e.g. a dialog that asks before closing an uncopied secret). */
  onCopied?: () => void;
}

/** Copies `value` to the clipboard and shows a check mark for a moment. */
export function CopyButton({ value, label, variant = 'ghost', size, className, onCopied }: CopyButtonProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    await copyText(value);
    setCopied(true);
    onCopied?.();
  };

  const icon = copied ? <Check className="text-success" /> : <Copy />;
  return (
    <Button
      variant={variant}
      size={size ?? (label ? 'sm' : 'icon-sm')}
      className={className}
      onClick={copy}
      aria-label={label ? undefined : copied ? t('actions.copied') : t('actions.copy')}
    >
      {icon}
      {label && (copied ? t('actions.copied') : label)}
      <span className="sr-only" aria-live="polite">
        {copied ? t('actions.copied') : ''}
      </span>
    </Button>
  );
}

/** Copies to the clipboard; on plain HTTP (no clipboard API) through a hidden text area. */
async function copyText(value: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    const area = document.createElement('textarea');
    area.value = value;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
