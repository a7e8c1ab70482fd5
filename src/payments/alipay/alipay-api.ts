/** The Alipay gateway calls AIHub makes (precreate, trade query, refund query), signed and verified. */
import type { KeyObject } from 'node:crypto';
import { type AlipayCall, signedAlipayParams } from './alipay-request.js';
import { readAlipayResponse } from './alipay-response.js';

export interface AlipayGateway {
  call(call: Omit<AlipayCall, 'appId' | 'nowMs'>): Promise<Record<string, unknown>>;
}

const REQUEST_TIMEOUT_MS = 20_000;

export function createAlipayGateway(options: {
  gateway: string;
  appId: string;
  privateKey: KeyObject;
  alipayPublicKey: KeyObject;
  now: () => number;
  fetch: typeof fetch;
}): AlipayGateway {
  return {
    async call(call) {
      const params = signedAlipayParams({ ...call, appId: options.appId, nowMs: options.now() }, options.privateKey);
      const response = await options.fetch(options.gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`Alipay's gateway answered HTTP ${response.status}.`);
      return readAlipayResponse(body, call.method, options.alipayPublicKey);
    },
  };
}
