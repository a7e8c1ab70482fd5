import { describe, expect, it } from 'vitest';
import {
  createBody,
  EMPTY_FORM,
  endOfDay,
  isIpRule,
  isModelPattern,
  patchBody,
  toDateInput,
  validateKeyForm,
  valuesFromKey,
} from './key-form';
import type { ApiKey } from './types';

const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();

const key: ApiKey = {
  id: 'key_1',
  userId: 'usr_1',
  name: 'Production',
  hint: 'sk-AbCd…WxYz',
  status: 'enabled',
  quota: 5_000_000,
  used: 1_250_000,
  reserved: 0,
  expiresAt: endOfDay('2026-02-01')!,
  allowedModels: ['gpt-4o*'],
  allowedIps: null,
  rpmLimit: 60,
  tpmLimit: null,
  concurrencyLimit: null,
  group: null,
  lastUsedAt: null,
  createdAt: NOW,
  updatedAt: NOW,
};

describe('key form', () => {
  it('accepts IPv4, IPv6 and CIDRs the way the server does', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '::1', '2001:db8::/32', '::ffff:1.2.3.4', 'fe80::1/128']) {
      expect(isIpRule(ok), ok).toBe(true);
    }
    for (const bad of ['', '10.0.0', '256.1.1.1', '10.0.0.1/33', '01.2.3.4', '::1/129', 'example.com', '1.2.3.4/8/1']) {
      expect(isIpRule(bad), bad).toBe(false);
    }
  });

  it('accepts model ids and globs without spaces', () => {
    expect(isModelPattern('Qwen/Qwen2.5-72B')).toBe(true);
    expect(isModelPattern('claude-*')).toBe(true);
    expect(isModelPattern('gpt 4o')).toBe(false);
    expect(isModelPattern('')).toBe(false);
  });

  it('reports each problem on its field', () => {
    const errors = validateKeyForm(
      {
        ...EMPTY_FORM,
        name: '  ',
        quota: '-1',
        expiresOn: '2026-01-14',
        allowedIps: ['10.0.0.1', 'nope'],
        rpmLimit: '0',
        tpmLimit: '1.5',
      },
      { now: NOW },
    );
    expect(errors).toEqual({
      name: 'nameRequired',
      quota: 'quotaInvalid',
      expiresOn: 'expiryPast',
      allowedIps: 'ipInvalid',
      rpmLimit: 'limitInvalid',
      tpmLimit: 'limitInvalid',
    });
    // Today is still valid: the key works through the end of the chosen day.
    expect(validateKeyForm({ ...EMPTY_FORM, name: 'x', expiresOn: '2026-01-15' }, { now: NOW })).toEqual({});
  });

  it('sends only what was filled in when creating', () => {
    expect(createBody({ ...EMPTY_FORM, name: ' CI ' })).toEqual({ name: 'CI' });
    expect(
      createBody({
        ...EMPTY_FORM,
        name: 'CI',
        quota: '$12.50',
        expiresOn: '2026-02-01',
        allowedModels: ['gpt-4o'],
        concurrencyLimit: '4',
      }),
    ).toEqual({
      name: 'CI',
      quota: 12_500_000,
      expiresAt: endOfDay('2026-02-01'),
      allowedModels: ['gpt-4o'],
      concurrencyLimit: 4,
    });
  });

  it('sends the key group only when one is picked, and null to go back to the owner’s group', () => {
    expect(createBody({ ...EMPTY_FORM, name: 'CI', group: 'vip' })).toEqual({ name: 'CI', group: 'vip' });
    const inVip = { ...key, group: 'vip' };
    expect(patchBody(inVip, valuesFromKey(inVip))).toEqual({});
    expect(patchBody(inVip, { ...valuesFromKey(inVip), group: '' })).toEqual({ group: null });
  });

  it('sends only the changes when editing, null to clear', () => {
    const values = valuesFromKey(key);
    expect(values.quota).toBe('5');
    expect(values.expiresOn).toBe('2026-02-01');
    expect(patchBody(key, values)).toEqual({});
    expect(patchBody(key, { ...values, quota: '', allowedModels: [], rpmLimit: '120', name: 'Prod' })).toEqual({
      name: 'Prod',
      quota: null,
      allowedModels: null,
      rpmLimit: 120,
    });
    expect(patchBody(key, { ...values, expiresOn: '' })).toEqual({ expiresAt: null });
  });

  it('does not check an unchanged past expiry (editing an expired key)', () => {
    const expired = { ...key, expiresAt: endOfDay('2026-01-01')! };
    const values = valuesFromKey(expired);
    expect(validateKeyForm(values, { now: NOW, initialExpiresOn: toDateInput(expired.expiresAt) })).toEqual({});
  });
});
