import { formatTokens } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import type { WindowUnit } from './plan-types';

/** An allowance amount in its unit: money as dollars, tokens compact, requests as a count. */
export function formatAllowance(unit: WindowUnit, amount: number): string {
  switch (unit) {
    case 'money':
      return formatMoney(amount, { digits: 2 });
    case 'tokens':
      return formatTokens(amount);
    case 'requests':
      return String(amount);
    default: {
      const unreachable: never = unit;
      return unreachable;
    }
  }
}
