/**
 * What a verified Stripe event means for an order (pure: no I/O, no clock).
 *
 * - `checkout.session.completed` with `payment_status: 'paid'`, and
 *   `checkout.session.async_payment_succeeded` (bank debits and other delayed methods): paid.
 *   A completed session that is not paid yet is ignored: its async_payment_* event follows.
 * - Refunds are applied one by one from the Refund object (`refund.created`, `refund.updated`,
 *   and `charge.refund.updated` on older API versions) once its status is `succeeded`: each
 *   refund's own id and amount, exactly what a reversal needs. `charge.refunded` is ignored: its
 *   charge carries only the cumulative `amount_refunded` (its `refunds` list is not included
 *   since API version 2022-11-15).
 * - `charge.dispute.closed` with `status: 'lost'`: reversed by the disputed amount, keyed by the
 *   dispute id. Other dispute events are recorded and ignored.
 *
 * A Refund or Dispute names its charge, not our order (the metadata Stripe copied from the
 * PaymentIntent is on the charge). Those come out `ignored` with a `trace_charge` detail, and
 * stripe-trace.ts (completeNotice) asks Stripe for the charge to find the order.
 */
import { z } from 'zod';
import { CURRENCIES, type Currency, type PaymentNotice, type VerifyResult } from '../payment-types.js';

const metadataSchema = z.record(z.string(), z.string()).nullish();

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const sessionSchema = z.object({
  id: z.string().min(1),
  payment_status: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  metadata: metadataSchema,
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  customer_details: z.object({ email: z.string().nullish() }).nullish(),
});

const refundSchema = z.object({
  id: z.string().min(1),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string().nullish(),
  charge: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata: metadataSchema,
});

const disputeSchema = z.object({
  id: z.string().min(1),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string(),
  charge: z.union([z.string(), z.object({ id: z.string() })]),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
});

/** The detail fields that ask stripe-trace.ts to find the order behind a charge. */
export interface ChargeTrace {
  trace_charge: string;
  /** What the notice becomes once the order is known. */
  trace_then: 'reversed' | 'ignored';
  trace_reason: string;
  reversal_id?: string;
  amount?: string;
  currency?: string;
}

export function stripeEventToNotice(rawBody: Buffer): VerifyResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'The webhook body is not JSON.' };
  }
  const event = eventSchema.safeParse(json);
  if (!event.success) return { ok: false, reason: 'The webhook body is not a Stripe event.' };
  const { id: eventKey, type } = event.data;
  const object = event.data.data.object;
  const base = { event_type: type };
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return sessionPaid(eventKey, type, object);
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const session = sessionSchema.safeParse(object);
      if (!session.success) return malformed(type);
      const order = sessionOrder(session.data);
      return ignored(eventKey, `Stripe says ${type}: nothing is credited.`, base, 'conflict' in order ? {} : order);
    }
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated':
      return refundNotice(eventKey, type, object);
    case 'charge.refunded':
      return ignored(eventKey, 'Refunds are applied one by one from their refund.* events.', base);
    case 'charge.dispute.closed':
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
      return disputeNotice(eventKey, type, object);
    default:
      return ignored(eventKey, `Stripe event ${type} is not one AIHub acts on.`, base);
  }
}

function sessionPaid(eventKey: string, type: string, object: Record<string, unknown>): VerifyResult {
  const parsed = sessionSchema.safeParse(object);
  if (!parsed.success) return malformed(type);
  const session = parsed.data;
  const order = sessionOrder(session);
  const detail: Record<string, string> = { event_type: type, session: session.id };
  const paymentIntent = idOf(session.payment_intent);
  if (paymentIntent) detail.payment_intent = paymentIntent;
  if (session.customer_details?.email) detail.customer_email = session.customer_details.email;
  if ('conflict' in order) return ignored(eventKey, order.conflict, detail, {});
  if (!order.orderId) return ignored(eventKey, 'The session names no AIHub order.', detail, {});
  if (session.payment_status !== 'paid') {
    return ignored(
      eventKey,
      `The session is ${session.payment_status ?? 'unpaid'}; waiting for its payment.`,
      detail,
      order,
    );
  }
  const currency = toCurrency(session.currency);
  if (session.amount_total == null || !currency) {
    return ignored(
      eventKey,
      `Paid ${session.amount_total ?? '?'} ${session.currency ?? '?'}: not an amount AIHub charges in.`,
      detail,
      order,
    );
  }
  return {
    ok: true,
    notice: {
      type: 'paid',
      eventKey,
      orderId: order.orderId,
      providerRef: session.id,
      payAmount: session.amount_total,
      currency,
      detail,
    },
  };
}

function refundNotice(eventKey: string, type: string, object: Record<string, unknown>): VerifyResult {
  const parsed = refundSchema.safeParse(object);
  if (!parsed.success) return malformed(type);
  const refund = parsed.data;
  const detail: Record<string, string> = { event_type: type, refund: refund.id, status: refund.status ?? '' };
  const charge = idOf(refund.charge);
  if (charge) detail.charge = charge;
  if (refund.status !== 'succeeded') {
    return ignored(
      eventKey,
      `Refund ${refund.id} is ${refund.status ?? 'of unknown status'}: applied once it succeeds.`,
      detail,
    );
  }
  const currency = toCurrency(refund.currency);
  if (!currency) return ignored(eventKey, `A refund in ${refund.currency}: not a currency AIHub charges in.`, detail);
  const orderId = refund.metadata?.order_id;
  if (orderId) {
    return {
      ok: true,
      notice: {
        type: 'reversed',
        eventKey,
        orderId,
        reversalId: refund.id,
        payAmount: refund.amount,
        currency,
        detail,
      },
    };
  }
  if (!charge) return ignored(eventKey, `Refund ${refund.id} names no charge.`, detail);
  return traced(eventKey, detail, {
    trace_charge: charge,
    trace_then: 'reversed',
    trace_reason: `Refund ${refund.id} of ${refund.amount}.`,
    reversal_id: refund.id,
    amount: String(refund.amount),
    currency,
  });
}

function disputeNotice(eventKey: string, type: string, object: Record<string, unknown>): VerifyResult {
  const parsed = disputeSchema.safeParse(object);
  if (!parsed.success) return malformed(type);
  const dispute = parsed.data;
  const charge = idOf(dispute.charge) as string;
  const detail: Record<string, string> = { event_type: type, dispute: dispute.id, status: dispute.status, charge };
  const lost = type === 'charge.dispute.closed' && dispute.status === 'lost';
  const currency = toCurrency(dispute.currency);
  if (lost && currency) {
    return traced(eventKey, detail, {
      trace_charge: charge,
      trace_then: 'reversed',
      trace_reason: `Dispute ${dispute.id} lost: ${dispute.amount} returned to the payer.`,
      reversal_id: dispute.id,
      amount: String(dispute.amount),
      currency,
    });
  }
  return traced(eventKey, detail, {
    trace_charge: charge,
    trace_then: 'ignored',
    trace_reason: lost
      ? `Dispute ${dispute.id} lost in ${dispute.currency}: not a currency AIHub charges in.`
      : `Dispute ${dispute.id} is ${dispute.status} (${type}): recorded, nothing to reverse.`,
  });
}

/** The order a session names; both references must agree when both are there. */
function sessionOrder(session: z.output<typeof sessionSchema>): { orderId?: string } | { conflict: string } {
  const fromMetadata = session.metadata?.order_id;
  const fromReference = session.client_reference_id ?? undefined;
  if (fromMetadata && fromReference && fromMetadata !== fromReference) {
    return { conflict: `The session names two orders (${fromMetadata}, ${fromReference}).` };
  }
  const orderId = fromMetadata ?? fromReference;
  return orderId ? { orderId } : {};
}

function traced(eventKey: string, detail: Record<string, string>, trace: ChargeTrace): VerifyResult {
  return ignored(
    eventKey,
    `${trace.trace_reason} Its order is not known until charge ${trace.trace_charge} is looked up.`,
    {
      ...detail,
      ...trace,
    },
  );
}

function ignored(
  eventKey: string,
  reason: string,
  detail: Record<string, string>,
  order: { orderId?: string } = {},
): VerifyResult {
  const notice: PaymentNotice = { type: 'ignored', eventKey, reason, detail };
  if (order.orderId) notice.orderId = order.orderId;
  return { ok: true, notice };
}

function malformed(type: string): VerifyResult {
  return { ok: false, reason: `The ${type} event's object is not what Stripe sends.` };
}

export function toCurrency(code: string | null | undefined): Currency | undefined {
  const upper = code?.toUpperCase();
  return CURRENCIES.find((currency) => currency === upper);
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}
