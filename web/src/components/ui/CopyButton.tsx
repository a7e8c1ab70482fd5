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
}

/** Copies `value` to the clipboard and shows a check mark for a moment. */
export function CopyButton({ value, label, variant = 'ghost', size, className }: CopyButtonProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Plain HTTP (no clipboard API): fall back to a hidden text area.
      const area = document.createElement('textarea');
      area.value = value;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
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
