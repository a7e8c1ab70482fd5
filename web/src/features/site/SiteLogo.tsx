import { Logo } from '../../components/Logo';
import { cn } from '../../lib/cn';
import { useSite, useSiteName } from '../../lib/site';

/** The operator's logo and name (the built-in mark when no logo is set). */
export function SiteLogo({ className, large = false }: { className?: string; large?: boolean }) {
  const site = useSite().data;
  const name = useSiteName();
  if (!site?.logoUrl) {
    return (
      <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
        <Logo withName={false} />
        <span className={large ? 'text-2xl' : 'text-[15px]'}>{name}</span>
      </span>
    );
  }
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <img
        src={site.logoUrl}
        alt=""
        className={cn('shrink-0 rounded-md object-contain', large ? 'size-12' : 'size-7')}
      />
      <span className={large ? 'text-2xl' : 'text-[15px]'}>{name}</span>
    </span>
  );
}
