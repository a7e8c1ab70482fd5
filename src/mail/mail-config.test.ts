import { describe, expect, it } from 'vitest';
import { resolveMailConfig } from './mail-config.js';

const PUBLIC = 'https://ai.example.com';
const env = { SMTP_URL: 'smtp://envuser:envpass@env.example.com:2525', SMTP_FROM: 'env@example.com' };

describe('resolveMailConfig', () => {
  it('takes SMTP_URL (with its password) and SMTP_FROM when the console sets nothing', () => {
    const { config, view } = resolveMailConfig({ smtpUrl: '', smtpFrom: '', publicBaseUrl: PUBLIC }, env, undefined);
    expect(view).toEqual({ configured: true, source: 'env', problem: null, problemCode: null });
    expect(config?.server).toMatchObject({ host: 'env.example.com', port: 2525, user: 'envuser', password: 'envpass' });
    expect(config?.from).toBe('env@example.com');
  });

  it("lets the console's URL, password and From win", () => {
    const { config, view } = resolveMailConfig(
      { smtpUrl: 'smtps://ops@mail.example.com', smtpFrom: 'Ops <ops@example.com>', publicBaseUrl: PUBLIC },
      env,
      'console-pass',
    );
    expect(view.source).toBe('console');
    expect(config?.server).toMatchObject({
      host: 'mail.example.com',
      port: 465,
      tls: 'implicit',
      password: 'console-pass',
    });
    expect(config?.from).toBe('Ops <ops@example.com>');
  });

  it('says why mail cannot be sent', () => {
    expect(resolveMailConfig({ smtpUrl: '', smtpFrom: '', publicBaseUrl: PUBLIC }, {}, undefined).view).toEqual({
      configured: false,
      source: null,
      problem: 'No SMTP server is set',
      problemCode: 'no_smtp_server',
    });
    const noFrom = resolveMailConfig({ smtpUrl: 'smtp://h', smtpFrom: '', publicBaseUrl: PUBLIC }, {}, undefined);
    expect(noFrom.config).toBeUndefined();
    expect(noFrom.view).toMatchObject({ problem: 'No From address is set', problemCode: 'no_from' });
    expect(
      resolveMailConfig({ smtpUrl: '', smtpFrom: '', publicBaseUrl: PUBLIC }, { SMTP_URL: 'http://x' }, undefined).view,
    ).toMatchObject({
      problem: expect.stringMatching(/^SMTP_URL: /),
      problemCode: 'smtp_url_invalid',
    });
  });

  it('says account emails are held back while no public URL is set, though mail itself works', () => {
    const { config, view } = resolveMailConfig({ smtpUrl: '', smtpFrom: '', publicBaseUrl: '' }, env, undefined);
    expect(config?.server).toMatchObject({ host: 'env.example.com' });
    expect(view).toEqual({
      configured: true,
      source: 'env',
      problem: 'No public URL is set: password reset and verification emails are not sent',
      problemCode: 'public_url_unset',
    });
    // A broken SMTP setting is the first thing to fix: it is what the view says.
    expect(resolveMailConfig({ smtpUrl: '', smtpFrom: '', publicBaseUrl: '' }, {}, undefined).view).toMatchObject({
      configured: false,
      problemCode: 'no_smtp_server',
    });
  });
});
