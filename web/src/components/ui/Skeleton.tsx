import { cn } from '../../lib/cn';

/** A grey placeholder block while content loads: size it with className (`h-4 w-32`). */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn('animate-pulse rounded-md bg-muted', className)} aria-hidden />;
}
