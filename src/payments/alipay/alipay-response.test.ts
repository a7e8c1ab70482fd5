import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractJsonObjectText, readAlipayResponse } from './alipay-response.js';
import { rsa2Sign } from './alipay-sign.js';

const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const METHOD = 'alipay.trade.precreate';

/** Alipay's spacing and escapes are kept: the signature is over the text as written. */
const body = (inner: string, sign = rsa2Sign(inner, alipay.privateKey)) =>
  `{"alipay_trade_precreate_response" : ${inner},"sign":"${sign}"}`;

describe('Alipay gateway responses', () => {
  it('cuts out the exact response text, braces and quotes inside strings included', () => {
    const inner = '{"code":"10000","msg":"Su}c\\"cess","qr_code":"https:\\/\\/qr.alipay.com\\/x{"}';
    expect(extractJsonObjectText(body(inner), 'alipay_trade_precreate_response')).toBe(inner);
  });

  it('returns a verified success and refuses a changed one', () => {
    const inner = '{"code":"10000","msg":"Success","out_trade_no":"ord_1","qr_code":"https:\\/\\/qr.alipay.com\\/x"}';
    expect(readAlipayResponse(body(inner), METHOD, alipay.publicKey)).toMatchObject({
      qr_code: 'https://qr.alipay.com/x',
    });
    const changed = body(inner).replace('ord_1', 'ord_2');
    expect(() => readAlipayResponse(changed, METHOD, alipay.publicKey)).toThrow(/valid signature/);
    expect(() => readAlipayResponse(`{"alipay_trade_precreate_response":${inner}}`, METHOD, alipay.publicKey)).toThrow(
      /valid signature/,
    );
  });

  it('a refusal (code ≠ 10000, or error_response) is an error with sub_msg', () => {
    const refusal =
      '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TOTAL_FEE_EXCEED","sub_msg":"订单金额超过限额"}';
    expect(() => readAlipayResponse(body(refusal), METHOD, alipay.publicKey)).toThrow('订单金额超过限额');
    const gateway = '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_msg":"无效的AppID参数"}}';
    expect(() => readAlipayResponse(gateway, METHOD, alipay.publicKey)).toThrow('无效的AppID参数');
    expect(() => readAlipayResponse('<html>', METHOD, alipay.publicKey)).toThrow(/not JSON/);
  });
});
