import { configuredPublicBase } from '../platform/public-origin.js';
import type { Settings } from '../platform/settings.js';
import { isMailbox, parseSmtpUrl, type SmtpServer } from './smtp-url.js';

/** Where mail goes out, as resolved from the console and the environment. */
export interface MailConfig {
  server: SmtpServer;
  from: string;
}

/**
 * Why mail cannot be sent; or, for `public_url_unset`, why account emails are not: mail works (a
 * test email goes out) but password reset and verification links need the operator's public URL
 * (account-emails.ts never builds them from a request's Host).
 */
export const MAIL_PROBLEM_CODES = [
  'no_smtp_server',
  'smtp_url_invalid',
  'no_from',
  'from_invalid',
  'public_url_unset',
] as const;
export type MailProblemCode = (typeof MAIL_PROBLEM_CODES)[number];

export interface MailConfigView {
  /** Whether mail can be sent with what is set (true with `public_url_unset`: only links are held back). */
  configured: boolean;
  /** Where the SMTP server comes from: the console wins over SMTP_URL (DESIGN.md §4). */
  source: 'console' | 'env' | null;
  /** Why mail cannot be sent, when it cannot (never a secret). */
  problem: string | null;
  /** The same as a code, which the console says in its reader's language. */
  problemCode: MailProblemCode | null;
}

/**
 * The SMTP server and From address in force. The console's URL (with the console's password)
 * wins over `SMTP_URL` (with the password in it); the console's From over `SMTP_FROM`. Pure.
 */
export function resolveMailConfig(
  settings: Pick<Settings, 'smtpUrl' | 'smtpFrom' | 'publicBaseUrl'>,
  env: NodeJS.ProcessEnv,
  consolePassword: string | undefined,
): { config?: MailConfig; view: MailConfigView } {
  let server: SmtpServer | undefined;
  let source: MailConfigView['source'] = null;
  let problem: string | null = null;
  let problemCode: MailProblemCode | null = null;
  if (settings.smtpUrl) {
    const parsed = parseSmtpUrl(settings.smtpUrl);
    source = 'console';
    if (parsed.ok) server = { ...parsed.server, password: consolePassword ?? null };
    else [problem, problemCode] = [parsed.problem, 'smtp_url_invalid'];
  } else if (env.SMTP_URL) {
    const parsed = parseSmtpUrl(env.SMTP_URL);
    source = 'env';
    if (parsed.ok) server = parsed.server;
    else [problem, problemCode] = [`SMTP_URL: ${parsed.problem}`, 'smtp_url_invalid'];
  } else {
    [problem, problemCode] = ['No SMTP server is set', 'no_smtp_server'];
  }
  const from = settings.smtpFrom || env.SMTP_FROM?.trim() || '';
  if (server && !isMailbox(from)) {
    [problem, problemCode] = from
      ? ['The From address is not an email address', 'from_invalid']
      : ['No From address is set', 'no_from'];
  }
  const configured = server !== undefined && problem === null;
  if (configured && configuredPublicBase(settings.publicBaseUrl) === null) {
    [problem, problemCode] = [
      'No public URL is set: password reset and verification emails are not sent',
      'public_url_unset',
    ];
  }
  return {
    ...(configured && server ? { config: { server, from } } : {}),
    view: { configured, source, problem, problemCode },
  };
}
