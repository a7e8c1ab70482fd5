import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { epaySignature, hasValidEpaySignature, signEpayParams } from './epay-sign.js';

describe('EPay signature', () => {
  it('is md5 of the sorted non-empty fields (sign and sign_type left out) followed by the key', () => {
    const params = { pid: '1001', type: 'alipay', out_trade_no: 'ord_1', money: '7.20', name: '', sign_type: 'MD5' };
    const expected = createHash('md5').update('money=7.20&out_trade_no=ord_1&pid=1001&type=alipaysecret').digest('hex');
    expect(epaySignature(params, 'secret')).toBe(expected);
  });

  it('accepts its own signature, in either letter case, and nothing else', () => {
    const signed = signEpayParams({ pid: '1001', money: '1.00', out_trade_no: 'ord_1' }, 'k');
    expect(signed.sign_type).toBe('MD5');
    expect(hasValidEpaySignature(signed, 'k')).toBe(true);
    expect(hasValidEpaySignature({ ...signed, sign: signed.sign.toUpperCase() }, 'k')).toBe(true);
    expect(hasValidEpaySignature(signed, 'other key')).toBe(false);
    expect(hasValidEpaySignature({ ...signed, money: '100.00' }, 'k')).toBe(false);
    expect(hasValidEpaySignature({ ...signed, sign: 'zz' }, 'k')).toBe(false);
    const { sign: _sign, ...unsigned } = signed;
    expect(hasValidEpaySignature(unsigned, 'k')).toBe(false);
  });
});
