import { describe, expect, it } from 'vitest';
import { localized } from './site';

describe('localized', () => {
  it('picks the viewer’s language, and the other one when that is empty or blank', () => {
    expect(localized({ en: 'Hello', zh: '你好' }, 'zh')).toBe('你好');
    expect(localized({ en: 'Hello', zh: '你好' }, 'en')).toBe('Hello');
    expect(localized({ en: 'Hello', zh: '  ' }, 'zh')).toBe('Hello');
    expect(localized({ en: '', zh: '你好' }, 'en')).toBe('你好');
    expect(localized({ en: '', zh: '' }, 'en')).toBe('');
  });
});
