/**
 * A ledger entry's reason in the reader's language, from its code and parameters
 * (src/billing/ledger-reason.ts on the server). Entries older than the codes, or with a code this
 * console does not know yet, show the English the server kept. Pure.
 */
import type { TFunction } from 'i18next';
import { formatMoney } from '../../lib/money';
import { formatPayAmount } from '../admin/payments/payment-format';

export interface LedgerReasonSource {
  reason: string;
  reasonCode?: string | null;
  reasonParams?: Record<string, unknown> | null;
}

type T = TFunction<'billing'>;

/** The usage counts a `usage` reason carries, in the order a reader wants them. */
const USAGE_PARTS = [
  'input',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'imageInput',
  'audioInput',
  'output',
  'reasoning',
  'imageOutput',
  'audioOutput',
  'webSearches',
] as const;

export function ledgerReasonText(t: T, entry: LedgerReasonSource): string {
  const params = entry.reasonParams ?? {};
  const text = (key: string): string => (typeof params[key] === 'string' ? (params[key] as string) : '');
  const number = (key: string): number => (typeof params[key] === 'number' ? (params[key] as number) : 0);
  const money = (key: string): string => formatMoney(number(key));
  const paid = (key: string): string => formatPayAmount(number(key), text('currency'));
  switch (entry.reasonCode) {
    case 'usage':
      return usageText(t, params);
    case 'cached_answer':
      return t('reason.cached_answer', { model: text('model') });
    case 'trial':
      return t('reason.trial');
    case 'redeem':
      return t('reason.redeem', { code: text('code'), amount: money('amount') });
    case 'admin_adjust':
      return t('reason.admin_adjust', { note: text('note') });
    case 'topup': {
      const base =
        params.method === null
          ? t('reason.topupMarked', { orderId: text('orderId'), paid: paid('paid') })
          : t('reason.topup', { orderId: text('orderId'), paid: paid('paid'), method: text('method') });
      return number('bonus') > 0
        ? `${base}${t('reason.separator')}${t('reason.topupBonus', { bonus: money('bonus') })}`
        : base;
    }
    case 'topup_refund':
      return t('reason.topup_refund', { orderId: text('orderId'), returned: paid('returned'), paid: paid('paid') });
    case 'plan_bought':
      return t('reason.plan_bought', { plan: text('plan'), price: money('price') });
    case 'plan_renewed':
      return t('reason.plan_renewed', { plan: text('plan'), period: number('period'), price: money('price') });
    case 'plan_ordered':
      return t('reason.plan_ordered', { orderId: text('orderId'), price: money('price') });
    case 'plan_taken_back':
      return t('reason.plan_taken_back', { orderId: text('orderId'), price: money('price') });
    case 'initial_balance':
      return t('reason.initial_balance');
    case 'invite_reward':
      return t('reason.invite_reward');
    default:
      return entry.reason;
  }
}

function usageText(t: T, params: Record<string, unknown>): string {
  const usage = (typeof params.usage === 'object' && params.usage !== null ? params.usage : {}) as Record<
    string,
    unknown
  >;
  const parts: string[] = [];
  for (const part of USAGE_PARTS) {
    const count = usage[part];
    // Input and output always show (0 is a count); the rest only when there are some.
    if (typeof count !== 'number' || (count === 0 && part !== 'input' && part !== 'output')) continue;
    parts.push(t(`reason.parts.${part}`, { count }));
  }
  const units = typeof usage.units === 'object' && usage.units !== null ? (usage.units as Record<string, unknown>) : {};
  for (const [unit, count] of Object.entries(units)) {
    if (typeof count === 'number') parts.push(t('reason.parts.unit', { count, unit }));
  }
  if (params.estimated === true) parts.push(t('reason.estimated'));
  if (typeof params.uncollected === 'number' && params.uncollected > 0) {
    parts.push(t('reason.uncollected', { amount: formatMoney(params.uncollected) }));
  }
  const model = typeof params.model === 'string' ? params.model : '';
  const vendor = typeof params.vendor === 'string' ? params.vendor : '';
  const upstreamModel = typeof params.upstreamModel === 'string' ? params.upstreamModel : '';
  const line = parts.join(t('reason.separator'));
  return upstreamModel
    ? t('reason.usageRenamed', { model, vendor, upstreamModel, usage: line })
    : t('reason.usage', { model, vendor, usage: line });
}
