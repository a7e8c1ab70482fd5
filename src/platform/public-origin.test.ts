import { describe, expect, it } from 'vitest';
import { configuredPublicBase, publicBaseFor } from './public-origin.js';

const forged = { protocol: 'http', host: 'evil.example' };

describe('public origin', () => {
  it('takes the configured address, trailing slashes dropped, path prefix kept', () => {
    expect(configuredPublicBase('https://ai.example.com/')).toBe('https://ai.example.com');
    expect(configuredPublicBase(' https://ai.example.com/relay// ')).toBe('https://ai.example.com/relay');
    expect(publicBaseFor('https://ai.example.com/', forged)).toBe('https://ai.example.com');
  });

  it('has no address for others when none is configured; the requester’s own flow falls back to its origin', () => {
    expect(configuredPublicBase('')).toBeNull();
    expect(configuredPublicBase('   ')).toBeNull();
    expect(publicBaseFor('', { protocol: 'https', host: 'relay.example.cn:8443' })).toBe(
      'https://relay.example.cn:8443',
    );
  });
});
