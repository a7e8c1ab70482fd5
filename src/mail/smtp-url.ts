/**
 * SMTP addresses as URLs: `smtp://user:pass@host:port` (STARTTLS when the server offers it),
 * `smtps://…` (TLS from the first byte, port 465 by default). `?tls=none` on smtp:// never
 * upgrades (a local relay without a certificate). Pure.
 */

export type SmtpTlsMode = 'starttls' | 'implicit' | 'none';

export interface SmtpServer {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  user: string | null;
  password: string | null;
}

/** The server an SMTP URL names, or a reason it names none. */
export function parseSmtpUrl(text: string): { ok: true; server: SmtpServer } | { ok: false; problem: string } {
  if (!URL.canParse(text)) return { ok: false, problem: 'Must be a URL such as smtp://user@mail.example.com:587' };
  const url = new URL(text);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { ok: false, problem: 'Must start with smtp:// or smtps://' };
  }
  if (!url.hostname) return { ok: false, problem: 'Must name a host' };
  const implicit = url.protocol === 'smtps:';
  const tlsParameter = url.searchParams.get('tls');
  if (tlsParameter !== null && (implicit || tlsParameter !== 'none')) {
    return { ok: false, problem: 'The only option is ?tls=none, on smtp://' };
  }
  return {
    ok: true,
    server: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : implicit ? 465 : 587,
      tls: implicit ? 'implicit' : tlsParameter === 'none' ? 'none' : 'starttls',
      user: url.username ? decodeURIComponent(url.username) : null,
      password: url.password ? decodeURIComponent(url.password) : null,
    },
  };
}

/**
 * A problem with an SMTP URL typed into the console, or undefined. The console keeps the password
 * in its own (encrypted) field, so a URL carrying one is refused rather than stored in clear.
 */
export function consoleSmtpUrlProblem(text: string): string | undefined {
  const parsed = parseSmtpUrl(text);
  if (!parsed.ok) return parsed.problem;
  if (parsed.server.password !== null) return 'Put the password in the SMTP password field, not in the URL';
  return undefined;
}

/** A plain email address for the From header: `name@host`, or `Name <name@host>`. */
export function isMailbox(text: string): boolean {
  const address = /^[^<>]*<([^<>]+)>$/.exec(text)?.[1] ?? text;
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address.trim());
}
