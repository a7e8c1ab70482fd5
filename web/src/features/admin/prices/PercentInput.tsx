import { Input, type InputProps } from '../../../components/ui';

/** A percentage field ("80" means 80% of the official price), with a % sign inside. */
export function PercentInput(props: Omit<InputProps, 'trailing' | 'inputMode'>) {
  return (
    <Input
      inputMode="decimal"
      autoComplete="off"
      {...props}
      className={`pr-8 text-right tabular-nums ${props.className ?? ''}`}
      trailing={<span className="pr-2 text-sm text-muted-foreground">%</span>}
    />
  );
}
