import { cn } from '../lib/cn';
import { formatMoney, type MoneyFormatOptions } from '../lib/money';

export interface MoneyTextProps extends MoneyFormatOptions {
  /** Integer units of 1e-6 USD, as the API sends them. */
  units: number;
  /** Green for credits, red for charges. */
  colored?: boolean;
  className?: string;
}

/** An amount of money in tabular figures, with the exact dollar value as a tooltip. */
export function MoneyText({ units, colored, className, ...options }: MoneyTextProps) {
  return (
    <span
      className={cn(
        'font-medium tabular-nums',
        colored && units > 0 && 'text-success',
        colored && units < 0 && 'text-destructive',
        className,
      )}
      title={formatMoney(units, { digits: 6, signed: options.signed })}
    >
      {formatMoney(units, options)}
    </span>
  );
}
