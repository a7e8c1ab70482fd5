/**
 * The routes payment providers call (public: no session, no CSRF, no key), in a Fastify scope of
 * their own whose body parser keeps the exact bytes (signatures cover them) and stops at 64 KB.
 *
 * Notify: the provider verifies the notification, order-service applies it. A notification that
 * fails verification is recorded (`verify_failed`, the reason, the address) and answered with the
 * provider's "retry" reply, never with the reason; a database failure also answers "retry", so the
 * provider delivers again. Return: the browser coming back is logged and sent to the console's
 * billing page; it never credits anything.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../../../ir/index.js';
import { ipLimitKey } from '../../../limits/ip-key.js';
import type { NoticeContext } from '../../../payments/order-service.js';
import type {
  IncomingNotification,
  PaymentMethod,
  PaymentProvider,
  VerifyResult,
} from '../../../payments/payment-types.js';
import { billingPageUrl } from '../../../payments/payment-urls.js';
import { rawJsonTooDeep } from '../../json-depth.js';
import type { ApiRegistry } from '../api-route.js';
import type { PaymentRouteServices } from './payment-route-services.js';
import { methodParams } from './payment-schemas.js';

/** Notifications are a few hundred bytes; Stripe's largest events stay far below this. */
export const NOTIFY_BODY_LIMIT_BYTES = 64 * 1024;

const TAGS = ['payments-provider'];

/**
 * Each provider is answered in its own terms: EPay and Alipay read text (`success`, or `fail` to
 * be retried), Stripe reads its JSON acknowledgement (`{"received":true}`, with a 500 to retry).
 */
const notifyAnswer = {
  'text/plain': z.string().describe('EPay and Alipay: `success`, or `fail` to be retried'),
  'application/json': z.object({ received: z.boolean() }).describe('Stripe: `{"received":true}`'),
};

export function registerPaymentNotifyRoutes(api: ApiRegistry, services: PaymentRouteServices): void {
  api.inScope((scope, scoped) => {
    scope.removeAllContentTypeParsers();
    // The bytes are kept as they came (signatures cover them), but JSON nested past the limit is
    // refused like on every other route, before any signature work.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFY_BODY_LIMIT_BYTES }, (_request, body, done) =>
      done(rawJsonTooDeep(body as Buffer, services.jsonMaxDepth) ?? null, body),
    );
    for (const method of ['POST', 'GET'] as const) {
      scoped.route(
        {
          method,
          url: '/api/payments/:method/notify',
          summary: `A payment provider's notification or webhook (${method}); answered in the provider's own terms`,
          tags: TAGS,
          access: 'public',
          params: methodParams,
          responseByType: notifyAnswer,
        },
        async ({ params, request, reply }) => handleNotification(services, params.method, request, reply),
      );
    }
    scoped.route(
      {
        method: 'GET',
        url: '/api/payments/:method/return',
        summary: "Where the payer's browser comes back to: logged, then redirected to the billing page (never credits)",
        tags: TAGS,
        access: 'public',
        params: methodParams,
        // A redirect: the Location header names the console's billing page.
        status: 303,
      },
      async ({ params, request, reply }) => handleReturn(services, params.method, request, reply),
    );
  });
}

async function handleNotification(
  services: PaymentRouteServices,
  method: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string> {
  const provider = configuredProvider(services, method);
  const address = request.ip;
  // Counted on failure only (a provider's genuine notifications never use it up); checked first,
  // so past the limit a forger costs no signature check and no event row.
  const limited = await services.notifyFailures.peek(ipLimitKey(address));
  if (limited.count >= services.notifyFailures.rule.points) {
    throw new GatewayError({
      kind: 'rate_limit',
      code: 'too_many_failed_notifications',
      message: 'Too many notifications that failed verification from your address.',
      retryAfterMs: limited.retryAfterMs,
    });
  }
  const verified = verifySafely(provider, {
    method,
    headers: request.headers,
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    query: rawQuery(request.url),
    remoteAddress: address,
  });
  const context: NoticeContext = { kind: provider.method === 'stripe' ? 'webhook' : 'notify', remoteAddress: address };
  try {
    if (!verified.ok) {
      await services.notifyFailures.hit(ipLimitKey(address));
      services.logger.warn(
        { requestId: request.id, method, address, reason: verified.reason },
        'payment notification failed verification',
      );
      await services.orders.insertEvent(services.store.db, {
        provider: method,
        eventKey: null,
        orderId: null,
        kind: context.kind,
        outcome: 'verify_failed',
        reason: verified.reason,
        remoteAddress: address,
        payload: null,
      });
      return send(reply, provider, 'retry');
    }
    // Refused notices (unknown order, wrong amount...) are recorded and answered `ok`: delivering
    // them again would not change the verdict, only repeat it.
    // Some notices name only the provider's objects (a Stripe refund names its charge): the
    // provider completes them with a call of its own; failing, the provider delivers again later.
    const notice = provider.completeNotice ? await provider.completeNotice(verified.notice) : verified.notice;
    await services.orders.applyNotice(provider.method, notice, context);
    return send(reply, provider, 'ok');
  } catch (error) {
    services.logger.error(
      { requestId: request.id, err: error, method },
      'payment notification not applied; the provider will retry',
    );
    return send(reply, provider, 'retry');
  }
}

async function handleReturn(
  services: PaymentRouteServices,
  method: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<undefined> {
  const provider = configuredProvider(services, method);
  const query = rawQuery(request.url);
  const order = query.order ? await services.orders.get(query.order) : undefined;
  const counted = await services.returnVisits.hit(ipLimitKey(request.ip));
  if (counted.allowed) {
    await services.orders.insertEvent(services.store.db, {
      provider: provider.method,
      eventKey: null,
      orderId: order && order.method === provider.method ? order.id : null,
      kind: 'return',
      outcome: 'ignored',
      reason: 'The payer’s browser came back; a return visit never credits.',
      remoteAddress: request.ip,
      payload: null,
    });
  }
  reply.header('location', billingPageUrl(order?.id));
  return undefined;
}

/** A provider that throws on input it cannot read has refused it, like a failed signature. */
function verifySafely(provider: PaymentProvider, notification: IncomingNotification): VerifyResult {
  try {
    return provider.verifyNotification(notification);
  } catch {
    return { ok: false, reason: 'The notification could not be read.' };
  }
}

function configuredProvider(services: PaymentRouteServices, method: string): PaymentProvider {
  const provider = services.providers.provider(method as PaymentMethod);
  if (!provider) {
    throw new GatewayError({
      kind: 'not_found',
      code: 'payment_method_not_found',
      message: `No payment provider ${method}.`,
    });
  }
  return provider;
}

/** Sets the provider's status and type on the reply; the body is returned to the registry to send. */
function send(reply: FastifyReply, provider: PaymentProvider, outcome: 'ok' | 'retry'): string {
  const answer = provider.reply(outcome);
  reply.code(answer.status).type(answer.contentType);
  return answer.body;
}

/** The query exactly as sent (the last of repeated names, as PHP reads it), for signature checks. */
function rawQuery(url: string): Record<string, string> {
  const index = url.indexOf('?');
  if (index < 0) return {};
  return Object.fromEntries(new URLSearchParams(url.slice(index + 1)));
}
