import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_REASON_CODES } from '../../../../src/billing/ledger-reason.js';
import { resources } from '../../lib/i18n';
import { ledgerReasonText } from './ledger-reason';

const instance = i18n.createInstance();

beforeAll(async () => {
  await instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    ns: ['billing'],
    interpolation: { escapeValue: false },
  });
});

function say(language: 'en' | 'zh', entry: Parameters<typeof ledgerReasonText>[1]): string {
  return ledgerReasonText(instance.getFixedT(language, 'billing'), entry);
}

const usage = {
  reason: 'gpt-4o via openai: 1200 in, 300 out',
  reasonCode: 'usage',
  reasonParams: {
    model: 'gpt-4o',
    vendor: 'openai',
    usage: { input: 1200, cacheRead: 800, output: 300, reasoning: 0, webSearches: 2 },
    uncollected: 450,
  },
};

describe('ledgerReasonText', () => {
  it('says a charge in the reader’s language, from its counts', () => {
    expect(say('en', usage)).toBe(
      'gpt-4o via openai: 1200 in, 800 cached, 300 out, 2 web searches, $0.00045 above the hold not charged',
    );
    expect(say('zh', usage)).toBe(
      'gpt-4o（openai）：输入 1200，缓存命中 800，输出 300，网页搜索 2 次，超出预扣的 $0.00045 未扣费',
    );
  });

  it('names the vendor’s model when the channel renames it', () => {
    const renamed = {
      ...usage,
      reasonParams: { ...usage.reasonParams, upstreamModel: 'gpt-4o-2024-11-20', uncollected: 0 },
    };
    expect(say('zh', renamed)).toContain('gpt-4o（openai，gpt-4o-2024-11-20）：');
  });

  it('translates credits and payments, with amounts formatted', () => {
    expect(say('zh', { reason: 'Trial credit for new account', reasonCode: 'trial', reasonParams: {} })).toBe(
      '新账户试用额度',
    );
    expect(
      say('en', {
        reason: '',
        reasonCode: 'topup',
        reasonParams: { orderId: 'ord_1', paid: 7_200, currency: 'CNY', method: 'alipay', bonus: 500_000 },
      }),
    ).toBe('Top-up ord_1 (¥72.00 via alipay), $0.50 of it bonus');
    expect(
      say('zh', {
        reason: '',
        reasonCode: 'topup',
        reasonParams: { orderId: 'ord_2', paid: 1_000, currency: 'USD', method: null, bonus: 0 },
      }),
    ).toBe('充值 ord_2（$10.00），由运营者标记为已支付');
    expect(
      say('zh', {
        reason: '',
        reasonCode: 'plan_renewed',
        reasonParams: { plan: 'Pro', period: 3, price: 20_000_000 },
      }),
    ).toBe('套餐“Pro”续费第 3 期（$20.00）');
  });

  it('keeps the English of entries older than the codes, or with a code it does not know', () => {
    expect(say('zh', { reason: 'Old English reason', reasonCode: null, reasonParams: null })).toBe(
      'Old English reason',
    );
    expect(say('zh', { reason: 'From a newer server', reasonCode: 'something_new', reasonParams: {} })).toBe(
      'From a newer server',
    );
  });

  it('has a translation for every code the server writes', () => {
    for (const code of LEDGER_REASON_CODES) {
      const text = say('zh', { reason: 'ENGLISH', reasonCode: code, reasonParams: { usage: { input: 1, output: 1 } } });
      expect(text, code).not.toBe('ENGLISH');
      expect(text, code).not.toMatch(/reason\./);
    }
  });
});
