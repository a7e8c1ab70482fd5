import { describe, expect, it } from 'vitest';
import { siliconFlowCurrency } from './upstream-balance.js';

describe('SiliconFlow balance currency', () => {
  it('is USD on the international site and CNY on the China site or anywhere else', () => {
    expect(siliconFlowCurrency('https://api.siliconflow.com/v1')).toBe('USD');
    expect(siliconFlowCurrency('https://api.siliconflow.cn/v1')).toBe('CNY');
    expect(siliconFlowCurrency('http://127.0.0.1:4000/v1')).toBe('CNY');
    expect(siliconFlowCurrency('https://siliconflow.com.evil.example/v1')).toBe('CNY');
  });
});
