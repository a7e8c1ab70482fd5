import { Plug } from 'lucide-react';
import { useTheme } from '../../../app/theme';
import { cn } from '../../../lib/cn';
import { useVendorLabel, useVendors } from '../../../lib/vendors';

/** A small tile with the vendor's monogram, tinted with its colour (readable in both themes). */
export function VendorIcon({ type, className }: { type: string; className?: string }) {
  const { resolved } = useTheme();
  const { badge } = useVendors().of(type);
  const dark = resolved === 'dark';
  const style = {
    backgroundColor: `oklch(${dark ? '0.32 0.06' : '0.95 0.04'} ${badge.hue})`,
    color: `oklch(${dark ? '0.85 0.1' : '0.45 0.14'} ${badge.hue})`,
  };
  return (
    <span
      aria-hidden
      style={style}
      className={cn(
        'inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-xs font-semibold tracking-tight ring-1 ring-inset ring-current/10',
        className,
      )}
    >
      {badge.monogram || <Plug className="size-4" />}
    </span>
  );
}

/** Icon and vendor name, side by side. */
export function VendorBadge({ type, className }: { type: string; className?: string }) {
  const label = useVendorLabel();
  return (
    <span className={cn('inline-flex items-center gap-2', className)}>
      <VendorIcon type={type} className="size-5 rounded-md text-[10px]" />
      <span className="text-sm">{label(type)}</span>
    </span>
  );
}
