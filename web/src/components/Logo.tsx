import { cn } from '../lib/cn';
import { useSite, useSiteName } from '../lib/site';

/**
 * The operator's logo and site name (admin settings; the AIHub mark and name until one is set),
 * wherever the console shows its brand: sidebar, top bar, sign-in pages, landing page.
 */
export function Logo({
  className,
  withName = true,
  large = false,
}: {
  className?: string;
  withName?: boolean;
  large?: boolean;
}) {
  const logoUrl = useSite().data?.logoUrl;
  const name = useSiteName();
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      {logoUrl ? (
        <img src={logoUrl} alt="" className={cn('shrink-0 rounded-md object-contain', large ? 'size-12' : 'size-7')} />
      ) : (
        <svg viewBox="0 0 32 32" className={cn('shrink-0', large ? 'size-12' : 'size-7')} aria-hidden>
          <rect width="32" height="32" rx="8" className="fill-primary" />
          <path
            d="M9 22 16 9l7 13M11.8 17.5h8.4"
            fill="none"
            className="stroke-primary-foreground"
            strokeWidth="2.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      )}
      {withName && <span className={large ? 'text-2xl' : 'text-[15px]'}>{name}</span>}
    </span>
  );
}
