import { Logo } from '../../components/Logo';

/** The operator's logo and name (components/Logo.tsx), at header or hero size. */
export function SiteLogo({ className, large = false }: { className?: string; large?: boolean }) {
  return <Logo className={className} large={large} />;
}
