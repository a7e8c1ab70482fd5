import { AlertCircle, AlertTriangle, CheckCircle2, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

const STYLES: Record<AlertVariant, string> = {
  info: 'border-info/25 bg-info-soft/60 [&>svg]:text-info',
  success: 'border-success/25 bg-success-soft/60 [&>svg]:text-success',
  warning: 'border-warning/30 bg-warning-soft/60 [&>svg]:text-warning',
  danger: 'border-destructive/25 bg-destructive-soft/60 [&>svg]:text-destructive',
};
const ICONS = { info: Info, success: CheckCircle2, warning: AlertTriangle, danger: AlertCircle } as const;

export interface AlertProps {
  variant?: AlertVariant;
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link at the right. */
  action?: ReactNode;
  className?: string;
}

/** A message inside the page (a form's error, a notice). Danger alerts are announced (role="alert"). */
export function Alert({ variant = 'info', title, children, action, className }: AlertProps) {
  const Icon = ICONS[variant];
  return (
    <div
      role={variant === 'danger' ? 'alert' : 'status'}
      className={cn('flex items-start gap-3 rounded-lg border px-3.5 py-3 text-sm', STYLES[variant], className)}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1 space-y-0.5">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn(title && 'text-muted-foreground')}>{children}</div>}
      </div>
      {action}
    </div>
  );
}
