/**
 * Everything sign-in mail and the captcha need at run time, built once at start: the console's
 * secrets, the SMTP settings in force, the mailer, the tokens, the verification and reset flows,
 * and Turnstile.
 */
import type { UserService } from '../accounts/user-service.js';
import type { SecretBox } from '../channels/secret-box.js';
import type { AttemptCounters } from '../limits/attempt-counter.js';
import type { SettingsService } from '../platform/settings.js';
import type { Store } from '../store/database.js';
import { AccountEmails } from './account-emails.js';
import { EmailTokenStore } from './email-token-store.js';
import { type MailConfigView, resolveMailConfig } from './mail-config.js';
import { MailSecrets } from './mail-secrets.js';
import { Mailer } from './mailer.js';
import { TurnstileCaptcha } from './turnstile.js';

export interface MailServicesOptions {
  store: Store;
  env: NodeJS.ProcessEnv;
  box: SecretBox;
  settings: SettingsService;
  users: UserService;
  attemptCounters: AttemptCounters;
  now: () => number;
  newId: (prefix: string) => string;
  onError: (error: unknown, component: string) => void;
}

export interface MailServices {
  secrets: MailSecrets;
  mailer: Mailer;
  emails: AccountEmails;
  captcha: TurnstileCaptcha;
  /** The SMTP settings in force, as the admin console shows them. */
  mailView(): MailConfigView;
  close(): void;
}

const TOKEN_PURGE_INTERVAL_MS = 60 * 60_000;

export async function createMailServices(options: MailServicesOptions): Promise<MailServices> {
  const { store, env, settings, now, newId } = options;
  const secrets = new MailSecrets(store, {
    box: options.box,
    now,
    onSecretError: (error) => options.onError(error, 'a mail or captcha secret does not decrypt'),
  });
  await secrets.load();
  const resolved = () => resolveMailConfig(settings.value, env, secrets.get('smtpPassword'));
  const mailer = new Mailer(() => resolved().config);
  const tokens = new EmailTokenStore(store, { now, newId });
  const counters = options.attemptCounters;
  const emails = new AccountEmails({
    users: options.users,
    tokens,
    mailer,
    settings,
    limits: {
      resetPerAddress: counters('password_reset:address', { points: 10, durationSeconds: 15 * 60 }),
      resetPerEmail: counters('password_reset:email', { points: 3, durationSeconds: 15 * 60 }),
      resendPerUser: counters('verify_resend:user', { points: 3, durationSeconds: 15 * 60 }),
    },
    onSendError: (error, kind) => options.onError(error, `sending a ${kind} email failed`),
  });
  const captcha = new TurnstileCaptcha({
    current: () => ({
      enabled: settings.value.turnstileEnabled,
      siteKey: settings.value.turnstileSiteKey,
      secretKey: secrets.get('turnstileSecretKey'),
    }),
    baseUrl: env.TURNSTILE_BASE_URL,
    onError: (error) => options.onError(error, 'turnstile siteverify failed'),
  });
  const purge = setInterval(() => {
    tokens.purgeExpired().catch((error) => options.onError(error, 'email token purge'));
  }, TOKEN_PURGE_INTERVAL_MS);
  purge.unref();
  return {
    secrets,
    mailer,
    emails,
    captcha,
    mailView: () => resolved().view,
    close() {
      clearInterval(purge);
      mailer.close();
    },
  };
}
