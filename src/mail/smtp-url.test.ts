import { describe, expect, it } from 'vitest';
import { consoleSmtpUrlProblem, isMailbox, parseSmtpUrl } from './smtp-url.js';

describe('parseSmtpUrl', () => {
  it.each([
    [
      'smtp://user:p%40ss@mail.example.com:2525',
      { host: 'mail.example.com', port: 2525, tls: 'starttls', user: 'user', password: 'p@ss' },
    ],
    ['smtps://mail.example.com', { host: 'mail.example.com', port: 465, tls: 'implicit', user: null, password: null }],
    ['smtp://127.0.0.1?tls=none', { host: '127.0.0.1', port: 587, tls: 'none', user: null, password: null }],
  ])('reads %s', (text, server) => {
    expect(parseSmtpUrl(text)).toEqual({ ok: true, server });
  });

  it.each(['http://mail.example.com', 'mail.example.com', 'smtps://h?tls=none', 'smtp://h?tls=maybe'])(
    'refuses %s',
    (text) => {
      expect(parseSmtpUrl(text).ok).toBe(false);
    },
  );

  it('keeps passwords out of console URLs', () => {
    expect(consoleSmtpUrlProblem('smtp://user:secret@h:25')).toMatch(/password field/);
    expect(consoleSmtpUrlProblem('smtp://user@h:25')).toBeUndefined();
  });
});

describe('isMailbox', () => {
  it.each([
    ['noreply@example.com', true],
    ['AIHub <noreply@example.com>', true],
    ['noreply', false],
    ['a b@example.com', false],
  ])('%s → %s', (text, ok) => {
    expect(isMailbox(text)).toBe(ok);
  });
});
