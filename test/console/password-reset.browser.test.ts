/**
 * Forgot password → the email, caught by a local SMTP server → the reset page → signing in with
 * the new password; and, with verification required and Turnstile on (its emulator), sign-up
 * through the captcha → the banner → the verification link → the trial. In English and in
 * Chinese; no uncaught page errors, no failed requests, no untranslated text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTurnstileEmulator, type TurnstileEmulator } from '../emulators/turnstile-emulator.js';
import { type SmtpCapture, startSmtpCapture } from '../mail/smtp-capture.js';
import {
  type ConsoleHarness,
  describeBrowser,
  screenshot,
  screenshotOnFailure,
  startConsole,
  uniqueEmail,
} from './console-harness.js';

const WORDS = {
  en: {
    locale: 'en-US',
    forgot: 'Forgot password?',
    send: 'Send reset link',
    sent: 'Check your inbox',
    subject: 'Reset your password',
    newPassword: 'New password',
    repeat: 'Repeat the new password',
    submit: 'Set new password',
    done: 'Password changed',
    toLogin: 'Sign in',
    banner: 'Please confirm your email address to receive your trial credit',
    resend: 'Send the link again',
    verifySubject: 'Confirm your email address',
    verified: 'Email address confirmed',
    mailCard: 'Email and captcha',
    mailStatus: 'Mail can be sent (settings from the environment).',
    noLinks: 'Mail can be sent, but password reset and verification emails are not',
    publicUrlUnset: 'No public base URL is set, so password reset and verification emails are not sent',
  },
  zh: {
    locale: 'zh-CN',
    forgot: '忘记密码？',
    send: '发送重置链接',
    sent: '请查收邮件',
    subject: '重置你的密码',
    newPassword: '新密码',
    repeat: '再次输入新密码',
    submit: '设置新密码',
    done: '密码已修改',
    toLogin: '登录',
    banner: '确认邮箱地址后即可获得试用额度',
    resend: '重新发送链接',
    verifySubject: '确认你的邮箱地址',
    verified: '邮箱地址已确认',
    mailCard: '邮件与人机验证',
    mailStatus: '可以发送邮件（设置来自环境变量）。',
    noLinks: '可以发送邮件，但不会发送密码重置和邮箱验证邮件',
    publicUrlUnset: '尚未设置公网访问地址，因此不会发送密码重置和邮箱验证邮件',
  },
} as const;

describeBrowser('console: password reset by email (local SMTP server)', () => {
  let harness: ConsoleHarness;
  let smtp: SmtpCapture;
  let turnstile: TurnstileEmulator;
  /** Requests that failed, and console errors, other than the expected 401 of /api/auth/me while signed out. */
  const problems: string[] = [];
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    turnstile = await startTurnstileEmulator({ secret: 'turnstile-secret' });
    harness = await startConsole({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'AIHub <noreply@aihub.test>',
      TURNSTILE_BASE_URL: turnstile.url,
    });
    // Emailed links point only at the operator's public address, never at a request's Host.
    await harness.adminApi('PATCH', '/api/admin/settings', { publicBaseUrl: harness.origin });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
    await turnstile?.close();
  });

  const watch = (page: Page) => {
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      // Cancelled by the page itself (a query dropped when the page navigates away): not a failure.
      if (reason === 'net::ERR_ABORTED') return;
      problems.push(`failed: ${request.url()} ${reason}`);
    });
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && url.pathname !== '/api/auth/me') {
        problems.push(`${response.status()}: ${url.pathname}`);
      }
    });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.location().url.endsWith('/api/auth/me')) return;
      problems.push(`console: ${message.text()}`);
    });
  };

  /** No i18n key (`forgot.title`, `mail:reset.done`) shown instead of its text. */
  const expectTranslated = async (page: Page) => {
    const text = await page.locator('body').textContent();
    expect(text ?? '').not.toMatch(/\b(?:mail:)?(?:forgot|reset|verify|banner|captcha|admin)\.[a-z][A-Za-z]+\b/);
  };

  it.each(['en', 'zh'] as const)('resets a forgotten password through the emailed link (%s)', async (language) => {
    const words = WORDS[language];
    const email = uniqueEmail(`reset-${language}`);
    const registered = await fetch(`${harness.origin}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'old-password-1' }),
    });
    expect(registered.status).toBe(201);

    const page = await harness.newPage({ locale: words.locale });
    watch(page);
    await page.goto('/login');
    await page.getByRole('link', { name: words.forgot }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel(/^(Email|邮箱)$/).fill(email);
    await page.getByRole('button', { name: words.send }).click();
    await page.getByText(words.sent, { exact: true }).waitFor();
    await expectTranslated(page);
    if (language === 'zh') expect(await page.locator('body').textContent()).not.toContain('Check your inbox');

    const message = await smtp.next(email);
    expect(message.subject).toBe(words.subject);
    const link = /(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(message.text)?.[1];
    expect(link, message.text).toBeDefined();
    expect(link!.startsWith(harness.origin)).toBe(true);

    await page.goto(link!);
    await page.getByLabel(words.newPassword, { exact: true }).fill('new-password-2');
    await page.getByLabel(words.repeat, { exact: true }).fill('new-password-2');
    await page.getByRole('button', { name: words.submit }).click();
    await page.getByText(words.done, { exact: true }).waitFor();
    await expectTranslated(page);
    await screenshot(page, `password-reset-${language}`);
    await page.getByRole('link', { name: words.toLogin, exact: true }).click();
    await page.waitForURL('**/login');

    await harness.login(page, { email, password: 'new-password-2' });
    expect(harness.pageErrors).toEqual([]);
    expect(problems).toEqual([]);
  });

  it.each(['en', 'zh'] as const)(
    'signs up through the captcha and confirms the address for the trial (%s)',
    async (language) => {
      const words = WORDS[language];
      await harness.adminApi('PATCH', '/api/admin/settings', {
        requireEmailVerification: true,
        turnstileEnabled: true,
        turnstileSiteKey: 'site-key',
      });
      await harness.adminApi('PUT', '/api/admin/mail/secrets', { turnstileSecretKey: 'turnstile-secret' });
      const email = uniqueEmail(`verify-${language}`);
      const page = await harness.newPage({ locale: words.locale });
      watch(page);
      await page.goto('/register');
      await page.getByLabel(/^(Email|邮箱)$/).fill(email);
      await page.getByLabel(/^(Password|密码)$/).fill('password-123');
      await page.getByLabel(/^(Confirm password|确认密码)$/).fill('password-123');
      await page.locator('[data-testid="captcha"] [data-state="solved"]').waitFor();
      await page.getByRole('button', { name: /^(Create account|注册)$/ }).click();
      await page.waitForURL('**/playground');
      expect(turnstile.verifications.at(-1)?.success).toBe(true);

      const banner = page.getByRole('status').filter({ hasText: words.banner });
      await banner.waitFor();
      await expectTranslated(page);
      await banner.getByRole('button', { name: words.resend }).click();
      const first = await smtp.next(email);
      const second = await smtp.next(email);
      expect(first.subject).toBe(words.verifySubject);
      expect(second.subject).toBe(words.verifySubject);
      const link = /(http:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(second.text)?.[1];
      expect(link, second.text).toBeDefined();

      await page.goto(link!);
      await page.getByText(words.verified, { exact: true }).waitFor();
      await expectTranslated(page);
      await screenshot(page, `verify-email-${language}`);
      await page.goto('/playground');
      await page.getByRole('button', { name: /Account menu|账户菜单/ }).waitFor();
      expect(await page.getByText(words.banner).count()).toBe(0);

      // The operator's card shows where the mail settings come from.
      await harness.adminApi('PATCH', '/api/admin/settings', {
        requireEmailVerification: false,
        turnstileEnabled: false,
      });
      const admin = await harness.newPage({ locale: words.locale });
      watch(admin);
      await harness.loginAsAdmin(admin);
      await admin.goto('/admin/settings');
      const card = admin.getByTestId('mail-settings');
      await card.getByText(words.mailCard, { exact: true }).waitFor();
      await card.getByText(words.mailStatus).waitFor();
      await expectTranslated(admin);
      await screenshot(admin, `mail-settings-${language}`);

      // Without a public address, the card and the field say why account emails are not sent.
      await harness.adminApi('PATCH', '/api/admin/settings', { publicBaseUrl: '' });
      try {
        await admin.reload();
        await card.getByText(words.noLinks).waitFor();
        await admin.getByText(words.publicUrlUnset).waitFor();
        await expectTranslated(admin);
        await screenshot(admin, `mail-settings-no-public-url-${language}`);
      } finally {
        await harness.adminApi('PATCH', '/api/admin/settings', { publicBaseUrl: harness.origin });
      }
      expect(harness.pageErrors).toEqual([]);
      expect(problems).toEqual([]);
    },
  );
});
