/** Redeeming a code (users) and managing code batches (admins). */
import { formatUsd } from '../../../billing/money.js';
import type { RedemptionBatch, RedemptionCode, RedemptionService } from '../../../billing/redemption-service.js';
import { GatewayError } from '../../../ir/index.js';
import type { ApiRegistry } from '../api-route.js';
import {
  batchListResponse,
  codeListResponse,
  codesQuery,
  createBatchBody,
  createBatchResponse,
  disableBatchResponse,
  idParams,
  redeemBody,
  redeemResponse,
} from './billing-schemas.js';

const TAGS = ['redemption'];

function batchView(batch: RedemptionBatch) {
  return { ...batch, amountUsd: formatUsd(batch.amount) };
}

function notFound(what: string, id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'not_found', message: `No ${what} ${id}.` });
}

/** CSV of a batch's codes; fields never contain commas or quotes except the ISO dates (none). */
function toCsv(codes: RedemptionCode[]): string {
  const header = 'code,amount_units,amount_usd,status,expires_at,redeemed_by,redeemed_at';
  const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
  const lines = codes.map((c) =>
    [c.code, c.amount, formatUsd(c.amount), c.status, iso(c.expiresAt), c.redeemedBy ?? '', iso(c.redeemedAt)].join(
      ',',
    ),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

export function registerRedemptionRoutes(api: ApiRegistry, services: { redemptions: RedemptionService }): void {
  const { redemptions } = services;

  api.route(
    {
      method: 'POST',
      url: '/api/redeem',
      summary: 'Redeem a code into your balance',
      tags: TAGS,
      access: 'user',
      body: redeemBody,
      response: redeemResponse,
    },
    async ({ principal, body }) => {
      const result = await redemptions.redeem(principal.userId, body.code);
      return {
        amount: result.amount,
        amountUsd: formatUsd(result.amount),
        balance: result.balanceAfter,
        balanceUsd: formatUsd(result.balanceAfter),
        ...(result.subscriptionId ? { subscriptionId: result.subscriptionId } : {}),
      };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/redemptions',
      summary:
        'Create a batch of redemption codes (credit, or a plan with planId); the codes are in the response (and in the export)',
      tags: TAGS,
      access: 'admin',
      body: createBatchBody,
      response: createBatchResponse,
      status: 201,
    },
    async ({ principal, body }) => {
      const { batch, codes } = await redemptions.createBatch(principal.userId, {
        name: body.name,
        amountUnits: body.amount ?? 0,
        ...(body.planId ? { planId: body.planId } : {}),
        count: body.count,
        expiresAt: body.expiresAt ?? null,
      });
      return { batch: batchView(batch), codes };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/redemptions',
      summary: 'Code batches, newest first, with codes counted by status',
      tags: TAGS,
      access: 'admin',
      response: batchListResponse,
    },
    async () => ({ batches: (await redemptions.listBatches()).map(batchView) }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/redemptions/:id/codes',
      summary: 'Export a batch’s codes (JSON, or CSV with ?format=csv)',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      query: codesQuery,
      response: codeListResponse,
    },
    async ({ params, query, reply }) => {
      const codes = await redemptions.listCodes(params.id);
      if (!codes) throw notFound('batch', params.id);
      reply.header('cache-control', 'no-store');
      if (query.format === 'csv') {
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="redemption-codes-${params.id}.csv"`);
        return toCsv(codes);
      }
      return { codes };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/redemptions/:id/disable',
      summary: 'Disable every unused code of a batch',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      response: disableBatchResponse,
    },
    async ({ params }) => {
      if (!(await redemptions.getBatch(params.id))) throw notFound('batch', params.id);
      return { disabled: await redemptions.disableBatch(params.id) };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/redemption-codes/:id/disable',
      summary: 'Disable one unused code',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      response: disableBatchResponse,
    },
    async ({ params }) => {
      if (!(await redemptions.disableCode(params.id))) throw notFound('unused code', params.id);
      return { disabled: 1 };
    },
  );
}
