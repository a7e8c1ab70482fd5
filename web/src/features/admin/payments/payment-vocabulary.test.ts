import { describe, expect, it } from 'vitest';
import { isRefusal, knownOutcome, refusalCause } from './payment-vocabulary';
import { pickUser } from './users-lookup';

describe('notification verdicts', () => {
  it.each([
    ['Bad signature.', 'signature'],
    ['No signature.', 'signature'],
    ['The notification’s RSA2 signature does not verify with the Alipay public key.', 'signature'],
    ['Merchant 2002 is not ours.', 'merchant'],
    ['The notification is for app 2021, not ours.', 'merchant'],
    ['No order of ours matches this notification.', 'unknown_order'],
    ['Paid 1 minor units; the order is for 3600.', 'amount'],
    ["Currency USD does not match the order's CNY.", 'currency'],
    ['Event evt_1 was already applied to another order.', 'event_reused'],
    ["The signature's timestamp is 900 s from now (tolerance 300 s).", 'timestamp'],
    ['The webhook body is not JSON.', 'malformed'],
    ['Something new.', 'other'],
  ] as const)('reads “%s” as %s', (reason, cause) => {
    expect(refusalCause(reason)).toBe(cause);
  });

  it('knows its outcomes and which are refusals', () => {
    expect(knownOutcome('credited')).toBe('credited');
    expect(knownOutcome('exploded')).toBe('other');
    expect(isRefusal('verify_failed')).toBe(true);
    expect(isRefusal('duplicate')).toBe(false);
  });
});

describe('the user filter', () => {
  const user = (id: string, email: string) => ({ id, email }) as unknown as Parameters<typeof pickUser>[1][number];
  it('prefers an exact id or email, else the only match', () => {
    const ann = user('usr_1', 'ann@example.com');
    const anna = user('usr_2', 'anna@example.com');
    expect(pickUser('ANN@example.com', [anna, ann])).toBe(ann);
    expect(pickUser('usr_2', [ann, anna])).toBe(anna);
    expect(pickUser('ann', [ann, anna])).toBeUndefined();
    expect(pickUser('anna', [anna])).toBe(anna);
    expect(pickUser('bob', [])).toBeUndefined();
  });
});
