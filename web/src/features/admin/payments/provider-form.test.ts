import { describe, expect, it } from 'vitest';
import { draftProblems, hasChanges, providerUpdateBody, shownText } from './provider-form';
import type { ProviderView } from './types';

const epay: ProviderView = {
  method: 'epay',
  configured: true,
  problem: null,
  fields: [
    { name: 'baseUrl', secret: false, envName: 'EPAY_BASE_URL', source: 'env', value: 'https://pay.example.com' },
    { name: 'pid', secret: false, envName: 'EPAY_PID', source: 'console', value: '1001' },
    { name: 'key', secret: true, envName: 'EPAY_KEY', source: 'console', value: null },
    { name: 'channelType', secret: false, envName: null, source: null, value: null },
  ],
};

describe('provider form', () => {
  it('sends nothing for fields kept or typed back to their value', () => {
    expect(providerUpdateBody(epay, {})).toEqual({ fields: {} });
    expect(providerUpdateBody(epay, { pid: { action: 'set', text: ' 1001 ' } })).toEqual({ fields: {} });
    expect(hasChanges(epay, { pid: { action: 'keep' } })).toBe(false);
  });

  it('sends new text, trimmed except for secrets, and null for what is cleared', () => {
    const body = providerUpdateBody(epay, {
      baseUrl: { action: 'set', text: ' http://127.0.0.1:9999 ' },
      pid: { action: 'set', text: '' },
      key: { action: 'set', text: ' secret with spaces ' },
      channelType: { action: 'set', text: 'wxpay' },
    });
    expect(body).toEqual({
      fields: {
        baseUrl: 'http://127.0.0.1:9999',
        pid: null,
        key: ' secret with spaces ',
        channelType: 'wxpay',
      },
    });
    expect(providerUpdateBody(epay, { key: { action: 'clear' } })).toEqual({ fields: { key: null } });
  });

  it('never clears what the environment set (there is no console value to clear)', () => {
    expect(providerUpdateBody(epay, { baseUrl: { action: 'clear' } })).toEqual({ fields: {} });
    expect(providerUpdateBody(epay, { channelType: { action: 'set', text: '  ' } })).toEqual({ fields: {} });
  });

  it('never holds a secret’s stored value: an untouched secret shows empty', () => {
    const key = epay.fields[2];
    if (!key) throw new Error('no key field');
    expect(shownText(key, { action: 'keep' })).toBe('');
    expect(shownText(epay.fields[0]!, { action: 'keep' })).toBe('https://pay.example.com');
  });

  it('checks URLs and choices before sending', () => {
    expect(
      draftProblems(epay, {
        baseUrl: { action: 'set', text: 'ftp://x' },
        channelType: { action: 'set', text: 'paypal' },
        pid: { action: 'set', text: 'anything' },
      }),
    ).toEqual({ baseUrl: 'url', channelType: 'choice' });
    expect(draftProblems(epay, { baseUrl: { action: 'set', text: 'http://localhost:1' } })).toEqual({});
  });
});
