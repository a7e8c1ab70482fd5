import { describe, expect, it } from 'vitest';
import {
  eventFiltersFromSearch,
  eventsQuery,
  hasFilters,
  isBackwardsRange,
  localDayStart,
  orderFiltersFromSearch,
  ordersQuery,
} from './list-filters';

describe('order filters', () => {
  it('reads known values from the address and drops the rest', () => {
    const filters = orderFiltersFromSearch(
      new URLSearchParams('status=credited&method=epay&user=%20a@b.c%20&from=2026-12-01&to=bad&order=ord_1'),
    );
    expect(filters).toEqual({
      status: 'credited',
      method: 'epay',
      user: 'a@b.c',
      fromDay: '2026-12-01',
      toDay: undefined,
      orderId: 'ord_1',
    });
    expect(orderFiltersFromSearch(new URLSearchParams('status=paid&method=paypal'))).toEqual({
      status: undefined,
      method: undefined,
      user: undefined,
      fromDay: undefined,
      toDay: undefined,
      orderId: undefined,
    });
  });

  it('turns local days into since (inclusive) and until (the next midnight, exclusive)', () => {
    const query = ordersQuery({ status: 'created', fromDay: '2026-12-01', toDay: '2026-12-06' }, 'usr_1');
    expect(query).toEqual({
      status: 'created',
      userId: 'usr_1',
      since: new Date(2026, 11, 1).getTime(),
      until: new Date(2026, 11, 7).getTime(),
    });
    // The last day of a month rolls over.
    expect(ordersQuery({ toDay: '2026-12-31' }, undefined)).toEqual({ until: new Date(2027, 0, 1).getTime() });
    expect(ordersQuery({}, undefined)).toEqual({});
  });

  it('knows a day from text that only looks like one', () => {
    expect(localDayStart('2026-02-03')).toBe(new Date(2026, 1, 3).getTime());
    expect(localDayStart('20260203')).toBeUndefined();
    expect(localDayStart(undefined)).toBeUndefined();
  });

  it('flags a range that ends before it starts', () => {
    expect(isBackwardsRange({ fromDay: '2026-12-05', toDay: '2026-12-01' })).toBe(true);
    expect(isBackwardsRange({ fromDay: '2026-12-01', toDay: '2026-12-01' })).toBe(false);
    expect(isBackwardsRange({ fromDay: '2026-12-01' })).toBe(false);
  });
});

describe('event filters', () => {
  it('maps the method to the API’s provider and keeps outcome and order', () => {
    const filters = eventFiltersFromSearch(new URLSearchParams('outcome=refused&eventMethod=stripe&eventOrder=ord_9'));
    expect(filters).toEqual({ outcome: 'refused', method: 'stripe', orderId: 'ord_9' });
    expect(eventsQuery(filters)).toEqual({ outcome: 'refused', provider: 'stripe', orderId: 'ord_9' });
    expect(eventsQuery({})).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters(filters)).toBe(true);
  });
});
