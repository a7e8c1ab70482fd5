import { GatewayError } from '../../../ir/index.js';
import { testEmail } from '../../../mail/email-templates.js';
import type { MailServices } from '../../../mail/mail-services.js';
import { isMailbox } from '../../../mail/smtp-url.js';
import type { ApiRegistry } from '../api-route.js';
import { languageOf } from './email-auth-routes.js';
import { mailAdminResponse, mailSecretsBody, testMailBody } from './mail-schemas.js';

const TAGS = ['settings'];

/** The operator's mail and captcha secrets (write-only) and the test email. */
export function registerMailAdminRoutes(
  api: ApiRegistry,
  services: Pick<MailServices, 'secrets' | 'mailer' | 'captcha' | 'mailView'> & {
    env: NodeJS.ProcessEnv;
    onSendError: (error: unknown) => void;
  },
): void {
  const view = () => ({
    mail: {
      ...services.mailView(),
      envUrlSet: Boolean(services.env.SMTP_URL),
      envFromSet: Boolean(services.env.SMTP_FROM),
      passwordSet: services.secrets.isSet('smtpPassword'),
    },
    turnstile: {
      secretKeySet: services.secrets.isSet('turnstileSecretKey'),
      inForce: services.captcha.publicConfig() !== null,
    },
  });

  api.route(
    {
      method: 'GET',
      url: '/api/admin/mail',
      summary: 'Whether mail can be sent and where its settings come from; whether the secrets are set',
      tags: TAGS,
      access: 'admin',
      response: mailAdminResponse,
    },
    async () => view(),
  );

  api.route(
    {
      method: 'PUT',
      url: '/api/admin/mail/secrets',
      summary: 'Set or clear the SMTP password and the Turnstile secret key (stored encrypted, never shown)',
      tags: TAGS,
      access: 'admin',
      body: mailSecretsBody,
      response: mailAdminResponse,
    },
    async ({ body }) => {
      await services.secrets.update(body);
      return view();
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/mail/test',
      summary: 'Send a test email with the SMTP settings in force',
      tags: TAGS,
      access: 'admin',
      body: testMailBody,
      status: 204,
    },
    async ({ body }) => {
      if (!isMailbox(body.to)) {
        throw new GatewayError({
          kind: 'invalid_request',
          code: 'invalid_email',
          param: 'to',
          message: 'Must be an email address.',
        });
      }
      if (!services.mailer.configured) {
        throw new GatewayError({
          kind: 'invalid_request',
          status: 409,
          code: 'mail_not_configured',
          message: services.mailView().problem ?? 'Mail is not configured.',
        });
      }
      try {
        await services.mailer.send(body.to, testEmail(languageOf(body.language)));
      } catch (error) {
        services.onSendError(error);
        // The SMTP server's own words help the operator; they hold no secret of ours.
        const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
        throw new GatewayError({
          kind: 'upstream_error',
          code: 'mail_send_failed',
          message: `The SMTP server did not take the email: ${reason}`,
        });
      }
      return undefined;
    },
  );
}
