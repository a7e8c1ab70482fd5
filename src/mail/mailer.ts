import type { Transporter } from 'nodemailer';
import type { MailContent } from './email-templates.js';
import type { MailConfig } from './mail-config.js';

/**
 * Sends mail through the SMTP server in force (nodemailer). The transport is built again only
 * when the configuration changes. Time limits keep a dead server from holding a request.
 * nodemailer is loaded with the first mail: ~5 MB of heap that a gateway without mail never
 * needs (issue 17).
 */
export class Mailer {
  private transport?: { key: string; transporter: Transporter };

  constructor(private readonly config: () => MailConfig | undefined) {}

  get configured(): boolean {
    return this.config() !== undefined;
  }

  async send(to: string, content: MailContent): Promise<void> {
    const config = this.config();
    if (!config) throw new Error('Mail is not configured');
    await (await this.transporterFor(config)).sendMail({
      from: config.from,
      to,
      subject: content.subject,
      text: content.text,
      html: content.html,
    });
  }

  private async transporterFor(config: MailConfig): Promise<Transporter> {
    const key = JSON.stringify(config.server);
    if (this.transport?.key === key) return this.transport.transporter;
    const { default: nodemailer } = await import('nodemailer');
    // Another send may have built it while this one waited for the import.
    if (this.transport?.key === key) return this.transport.transporter;
    this.transport?.transporter.close();
    const { server } = config;
    const transporter = nodemailer.createTransport({
      host: server.host,
      port: server.port,
      secure: server.tls === 'implicit',
      ignoreTLS: server.tls === 'none',
      ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    this.transport = { key, transporter };
    return transporter;
  }

  close(): void {
    this.transport?.transporter.close();
    this.transport = undefined;
  }
}
