import { createHash } from 'node:crypto';
import { checkPasswordPolicy } from '../accounts/password.js';
import type { User } from '../accounts/user-record.js';
import type { UserService } from '../accounts/user-service.js';
import { GatewayError } from '../ir/index.js';
import type { AttemptCounter } from '../limits/attempt-counter.js';
import { ipLimitKey } from '../limits/ip-key.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { formatResetDuration } from '../limits/reset-duration.js';
import { configuredPublicBase } from '../platform/public-origin.js';
import type { SettingsService } from '../platform/settings.js';
import { type MailContent, type MailLanguage, passwordResetEmail, verificationEmail } from './email-templates.js';
import type { EmailTokenStore } from './email-token-store.js';
import type { Mailer } from './mailer.js';

export interface AccountEmailsOptions {
  users: UserService;
  tokens: EmailTokenStore;
  mailer: Mailer;
  settings: SettingsService;
  /** Reset requests per address (IP), and reset emails per email address; verification resends per user. */
  limits: { resetPerAddress: AttemptCounter; resetPerEmail: AttemptCounter; resendPerUser: AttemptCounter };
  /** A mail that could not be sent (logged; the caller's answer never depends on it). */
  onSendError: (error: unknown, kind: 'verify' | 'reset') => void;
}

/**
 * Email verification and password reset: the links are built from the operator's public URL
 * only, sent in the reader's language, and carry a single-use, expiring token
 * (email-token-store.ts). Never from the request's Host header: anyone could ask a reset for a
 * victim with `Host: evil.example` and receive the victim's token (host-header poisoning). While
 * no public URL is set, no email with a link is sent, and the admin's mail view says why
 * (mail-config.ts, `public_url_unset`).
 */
export class AccountEmails {
  constructor(private readonly options: AccountEmailsOptions) {}

  /** Whether new users must confirm their address before the trial: the operator asks for it AND mail can be sent. */
  get verificationRequired(): boolean {
    return this.options.settings.value.requireEmailVerification && this.options.mailer.configured;
  }

  get passwordResetAvailable(): boolean {
    return this.options.mailer.configured;
  }

  /** Sends a new user (or one asking again) the link that confirms their address. */
  async sendVerification(user: Pick<User, 'id' | 'email'>, language: MailLanguage): Promise<void> {
    const base = this.requireLinkBase();
    const token = await this.options.tokens.issue(user.id, 'verify');
    await this.options.mailer.send(user.email, verificationEmail(language, link(base, '/verify-email', token)));
  }

  /** After sign-up: the link goes out after the answer; a failure is logged (the banner can send it again). */
  sendVerificationLater(user: Pick<User, 'id' | 'email'>, language: MailLanguage): void {
    void this.sendVerification(user, language).catch((error) => this.options.onSendError(error, 'verify'));
  }

  /**
   * "Send the link again" from the banner: limited per user; a 204 no-op for a confirmed address.
   * The user asks about their own account, so a missing public URL is said (409), not hidden.
   */
  async resendVerification(userId: string, language: MailLanguage): Promise<void> {
    const user = await this.options.users.require(userId);
    if (user.emailVerified) return;
    this.requireMail();
    this.requireLinkBase();
    const count = await this.options.limits.resendPerUser.hit(userId);
    if (!count.allowed) throw tooMany('too_many_verification_emails', count.retryAfterMs);
    try {
      await this.sendVerification(user, language);
    } catch (error) {
      this.options.onSendError(error, 'verify');
      throw new GatewayError({
        kind: 'upstream_error',
        code: 'mail_send_failed',
        message: 'The email could not be sent. Please try again later.',
      });
    }
  }

  /** Confirms the address behind a link; grants the trial the first time. */
  async verify(token: string): Promise<{ trialCredit: number }> {
    const userId = await this.options.tokens.consume(token, 'verify');
    return this.options.users.markEmailVerified(userId);
  }

  /**
   * "Forgot password": the same answer whether or not the email has an account (no
   * enumeration), and the mail is sent after the answer, so its timing tells nothing either.
   * Limited per address (429) and, silently, per email address (no mailbox flooded). Without a
   * public URL nothing is sent, with the same answer (logged; the admin's mail view says why).
   */
  async requestPasswordReset(email: string, ip: string, language: MailLanguage): Promise<void> {
    this.requireMail();
    const perAddress = await this.options.limits.resetPerAddress.hit(ipLimitKey(ip));
    if (!perAddress.allowed) throw tooMany('too_many_reset_requests', perAddress.retryAfterMs);
    const normalized = email.trim().toLowerCase();
    const perEmail = await this.options.limits.resetPerEmail.hit(emailKey(normalized));
    if (!perEmail.allowed) return;
    void this.sendReset(normalized, language).catch((error) => this.options.onSendError(error, 'reset'));
  }

  /** Sets the new password behind a reset link and ends every session of the user. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    // The policy first: a refused password must not use up the link.
    checkPasswordPolicy(password);
    const userId = await this.options.tokens.consume(token, 'reset');
    await this.options.users.setPassword(userId, password);
  }

  private async sendReset(email: string, language: MailLanguage): Promise<void> {
    const base = this.requireLinkBase();
    const user = await this.options.users.findByEmail(email);
    if (user?.status !== 'active') return;
    const token = await this.options.tokens.issue(user.id, 'reset');
    const content: MailContent = passwordResetEmail(language, link(base, '/reset-password', token));
    await this.options.mailer.send(user.email, content);
  }

  /** The operator's public address, which emailed links point at; a 409 while it is unset. */
  private requireLinkBase(): string {
    const base = configuredPublicBase(this.options.settings.value.publicBaseUrl);
    if (base !== null) return base;
    throw new GatewayError({
      kind: 'invalid_request',
      status: 409,
      code: 'public_url_unset',
      message: 'This server cannot email links yet: its public address is not set. Ask the operator.',
    });
  }

  private requireMail(): void {
    if (this.options.mailer.configured) return;
    throw new GatewayError({
      kind: 'invalid_request',
      status: 409,
      code: 'mail_not_configured',
      message: 'This server cannot send email. Ask the operator.',
    });
  }
}

function link(base: string, path: string, token: string): string {
  return `${base}${path}?token=${encodeURIComponent(token)}`;
}

function emailKey(email: string): string {
  return createHash('sha256').update(email).digest('hex').slice(0, 32);
}

function tooMany(code: string, retryAfterMs: number): RateLimitError {
  return new RateLimitError({
    code,
    message: `Too many requests. Please try again in ${formatResetDuration(retryAfterMs)}.`,
    retryAfterMs,
    headers: {},
  });
}
