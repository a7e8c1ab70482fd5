import { describe, expect, it } from 'vitest';
import { stripeEventToNotice } from './stripe-event.js';

const event = (type: string, object: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type, data: { object } }));

const session = (overrides: Record<string, unknown> = {}) => ({
  id: 'cs_1',
  object: 'checkout.session',
  payment_status: 'paid',
  amount_total: 1000,
  currency: 'usd',
  client_reference_id: 'ord_1',
  metadata: { order_id: 'ord_1' },
  payment_intent: 'pi_1',
  customer_details: { email: 'a@example.test' },
  ...overrides,
});

describe('stripeEventToNotice', () => {
  it('a paid checkout.session.completed is a payment of amount_total, currency upper-cased', () => {
    expect(stripeEventToNotice(event('checkout.session.completed', session()))).toEqual({
      ok: true,
      notice: {
        type: 'paid',
        eventKey: 'evt_1',
        orderId: 'ord_1',
        providerRef: 'cs_1',
        payAmount: 1000,
        currency: 'USD',
        detail: {
          event_type: 'checkout.session.completed',
          session: 'cs_1',
          payment_intent: 'pi_1',
          customer_email: 'a@example.test',
        },
      },
    });
    const delayed = stripeEventToNotice(event('checkout.session.async_payment_succeeded', session()));
    expect(delayed).toMatchObject({ ok: true, notice: { type: 'paid' } });
  });

  it('an unpaid completed session, an expired one, and charge.refunded are ignored', () => {
    for (const body of [
      event('checkout.session.completed', session({ payment_status: 'unpaid' })),
      event('checkout.session.expired', session({ payment_status: 'unpaid' })),
      event('charge.refunded', { id: 'ch_1', amount_refunded: 500, metadata: { order_id: 'ord_1' } }),
      event('customer.created', { id: 'cus_1' }),
    ]) {
      expect(stripeEventToNotice(body)).toMatchObject({ ok: true, notice: { type: 'ignored' } });
    }
    expect(
      stripeEventToNotice(event('checkout.session.completed', session({ payment_status: 'unpaid' }))),
    ).toMatchObject({ notice: { orderId: 'ord_1' } });
  });

  it('a session naming no order, or two, is ignored without an order; another currency is not paid', () => {
    const none = stripeEventToNotice(
      event('checkout.session.completed', session({ metadata: {}, client_reference_id: null })),
    );
    expect(none).toMatchObject({ ok: true, notice: { type: 'ignored' } });
    expect(none.ok && none.notice.orderId).toBeFalsy();
    const two = stripeEventToNotice(event('checkout.session.completed', session({ client_reference_id: 'ord_2' })));
    expect(two.ok && two.notice.type === 'ignored' && two.notice.orderId).toBeFalsy();
    const euro = stripeEventToNotice(event('checkout.session.completed', session({ currency: 'eur' })));
    expect(euro).toMatchObject({ ok: true, notice: { type: 'ignored' } });
  });

  it('a succeeded refund is one reversal of its own amount; a pending one waits; without metadata it asks for the charge', () => {
    const refund = { id: 're_1', object: 'refund', amount: 300, currency: 'usd', status: 'succeeded', charge: 'ch_1' };
    expect(stripeEventToNotice(event('refund.created', { ...refund, metadata: { order_id: 'ord_1' } }))).toMatchObject({
      ok: true,
      notice: { type: 'reversed', reversalId: 're_1', payAmount: 300, currency: 'USD', orderId: 'ord_1' },
    });
    expect(stripeEventToNotice(event('refund.created', { ...refund, status: 'pending' }))).toMatchObject({
      notice: { type: 'ignored' },
    });
    expect(stripeEventToNotice(event('refund.updated', refund))).toMatchObject({
      notice: {
        type: 'ignored',
        detail: { trace_charge: 'ch_1', trace_then: 'reversed', reversal_id: 're_1', amount: '300' },
      },
    });
  });

  it('a lost dispute asks for its charge to become a reversal; a won one stays ignored', () => {
    const dispute = { id: 'dp_1', object: 'dispute', amount: 1000, currency: 'usd', charge: 'ch_1' };
    expect(stripeEventToNotice(event('charge.dispute.closed', { ...dispute, status: 'lost' }))).toMatchObject({
      notice: { detail: { trace_then: 'reversed', reversal_id: 'dp_1', amount: '1000' } },
    });
    expect(stripeEventToNotice(event('charge.dispute.closed', { ...dispute, status: 'won' }))).toMatchObject({
      notice: { detail: { trace_then: 'ignored' } },
    });
  });

  it('a body that is not a Stripe event is refused', () => {
    expect(stripeEventToNotice(Buffer.from('not json')).ok).toBe(false);
    expect(stripeEventToNotice(Buffer.from('{"id":"evt_1"}')).ok).toBe(false);
    expect(stripeEventToNotice(event('checkout.session.completed', { id: 5 })).ok).toBe(false);
  });
});
