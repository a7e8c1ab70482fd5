import type { ReactNode } from 'react';
import { cn } from '../lib/cn';
import { useDocumentTitle } from '../lib/site';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons at the right (stacked under the title on phones). */
  actions?: ReactNode;
  className?: string;
}

/** The title block at the top of every page; also sets the document title when `title` is a string. */
export function PageHeader({ title, description, actions, className }: PageHeaderProps) {
  useDocumentTitle(typeof title === 'string' ? title : undefined);
  return (
    <div className={cn('mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between', className)}>
      <div className="min-w-0 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
