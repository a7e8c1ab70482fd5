/**
 * Redemption codes: an operator creates a batch (amount, count, optional expiry) and sells or
 * hands out the codes; a user redeems a code once, crediting the ledger (kind 'redeem',
 * reference = the code's id, so the unique (kind, reference) index backs the once-only rule).
 * A batch may grant a plan instead (`planId`, amount 0): redeeming starts a subscription
 * (source 'redemption', source_ref = the code's id) in the same transaction as the claim.
 *
 * Race safety: the redeem transaction starts with a conditional UPDATE (status 'unused' and not
 * expired) — only one of any number of concurrent redeemers can flip the row, the others see 0
 * rows changed and get a precise error.
 */

import type { Transaction } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { Database, RedemptionStatus } from '../store/schema.js';
import { appendLedgerEntry } from './ledger-write.js';
import { generateRedemptionCode, normalizeRedemptionCode } from './redemption-code.js';

export const MAX_CODES_PER_BATCH = 10_000;
// Rows per INSERT: 9 columns × 500 stays far below SQLite's and PostgreSQL's parameter limits.
const INSERT_CHUNK = 500;

/** What redeeming a plan code needs of subscriptions (PlanService has this shape). */
export interface RedemptionPlans {
  grantFromRedemption(
    trx: Transaction<Database>,
    input: { userId: string; planId: string; codeId: string },
  ): Promise<string>;
  subscriptionsChanged(userId: string): Promise<void>;
  /** For checking a batch's plan exists when it is created. */
  catalog: { get(planId: string): Promise<{ id: string; name: string } | undefined> };
}

export interface RedemptionServiceOptions {
  now: () => number;
  newId: (prefix: string) => string;
  /** Absent: batches cannot grant plans. */
  plans?: RedemptionPlans;
}

export interface CreateBatchInput {
  name: string;
  /** Units each code credits (0 when the batch grants a plan). */
  amountUnits: number;
  /** The plan each code grants instead of credit. */
  planId?: string | null;
  count: number;
  /** Unix ms after which the codes no longer redeem. */
  expiresAt?: number | null;
}

export interface RedemptionBatch {
  id: string;
  name: string;
  amount: number;
  count: number;
  expiresAt: number | null;
  /** The plan each code grants instead of credit; null = credit. */
  planId: string | null;
  createdBy: string;
  createdAt: number;
  /** Codes per status. */
  unused: number;
  redeemed: number;
  disabled: number;
}

export interface RedemptionCode {
  id: string;
  batchId: string;
  code: string;
  amount: number;
  planId: string | null;
  expiresAt: number | null;
  status: RedemptionStatus;
  redeemedBy: string | null;
  redeemedAt: number | null;
  createdAt: number;
}

export interface RedeemResult {
  codeId: string;
  /** Units credited (0 for a plan code). */
  amount: number;
  balanceAfter: number;
  /** The subscription a plan code started. */
  subscriptionId?: string;
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_value', param, message });
}

export class RedemptionService {
  constructor(
    private readonly store: Store,
    private readonly options: RedemptionServiceOptions,
  ) {}

  /** Creates a batch and its codes in one transaction; returns the batch and the codes. */
  async createBatch(
    adminUserId: string,
    input: CreateBatchInput,
  ): Promise<{ batch: RedemptionBatch; codes: string[] }> {
    const name = input.name.trim();
    if (!name) throw invalid('name', 'A batch needs a name.');
    const planId = input.planId ?? null;
    if (planId !== null) {
      if (!this.options.plans) throw invalid('planId', 'Plans are not available here.');
      if (!(await this.options.plans.catalog.get(planId))) throw invalid('planId', `No plan ${planId}.`);
      if (input.amountUnits !== 0) throw invalid('amount', 'A batch grants a plan or credits an amount, not both.');
    } else if (!Number.isSafeInteger(input.amountUnits) || input.amountUnits <= 0) {
      throw invalid('amount', 'Each code must credit a positive whole number of units.');
    }
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_CODES_PER_BATCH) {
      throw invalid('count', `A batch has 1 to ${MAX_CODES_PER_BATCH} codes.`);
    }
    const at = this.options.now();
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= at) throw invalid('expiresAt', 'The expiry must be in the future.');

    const batchId = this.options.newId('rdb');
    const codes = new Set<string>();
    while (codes.size < input.count) codes.add(generateRedemptionCode());
    const rows = [...codes].map((code) => ({
      id: this.options.newId('rdc'),
      batch_id: batchId,
      code,
      amount: input.amountUnits,
      plan_id: planId,
      expires_at: expiresAt,
      status: 'unused' as const,
      redeemed_by: null,
      redeemed_at: null,
      created_at: at,
    }));
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('redemption_batches')
        .values({
          id: batchId,
          name,
          amount: input.amountUnits,
          plan_id: planId,
          count: input.count,
          expires_at: expiresAt,
          created_by: adminUserId,
          created_at: at,
        })
        .execute();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('redemption_codes')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    });
    const batch = await this.getBatch(batchId);
    return { batch: batch as RedemptionBatch, codes: rows.map((row) => row.code) };
  }

  /**
   * Redeems a code for a user, once. Errors: 404 `redemption_code_not_found`, 400
   * `redemption_code_used` / `redemption_code_expired` / `redemption_code_disabled`.
   */
  async redeem(userId: string, input: string): Promise<RedeemResult> {
    const code = normalizeRedemptionCode(input);
    const at = this.options.now();
    const result = await this.store.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('redemption_codes')
        .set({ status: 'redeemed', redeemed_by: userId, redeemed_at: at })
        .where('code', '=', code)
        .where('status', '=', 'unused')
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
        .returning(['id', 'amount', 'plan_id'])
        .executeTakeFirst();
      if (!claimed) return undefined;
      if (claimed.plan_id !== null && this.options.plans) {
        const subscriptionId = await this.options.plans.grantFromRedemption(trx, {
          userId,
          planId: claimed.plan_id,
          codeId: claimed.id,
        });
        const user = await trx.selectFrom('users').select('balance').where('id', '=', userId).executeTakeFirstOrThrow();
        return { codeId: claimed.id, amount: 0, balanceAfter: Number(user.balance), subscriptionId };
      }
      const amount = Number(claimed.amount);
      const balanceAfter = await appendLedgerEntry(trx, {
        id: this.options.newId('led'),
        userId,
        amount,
        kind: 'redeem',
        reason: { code: 'redeem', params: { code: code.slice(0, 10), amount } },
        reference: claimed.id,
        createdAt: at,
      });
      return { codeId: claimed.id, amount, balanceAfter };
    });
    if (result?.subscriptionId) await this.options.plans?.subscriptionsChanged(userId);
    if (result) return result;
    throw await this.explainRefusal(code, at);
  }

  private async explainRefusal(code: string, at: number): Promise<GatewayError> {
    const row = await this.store.db
      .selectFrom('redemption_codes')
      .select(['status', 'expires_at'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) {
      return new GatewayError({
        kind: 'not_found',
        code: 'redemption_code_not_found',
        param: 'code',
        message: 'This redemption code does not exist. Check it for typos.',
      });
    }
    if (row.status === 'redeemed') {
      return new GatewayError({
        kind: 'invalid_request',
        code: 'redemption_code_used',
        param: 'code',
        message: 'This redemption code has already been redeemed.',
      });
    }
    if (row.status === 'disabled') {
      return new GatewayError({
        kind: 'invalid_request',
        code: 'redemption_code_disabled',
        param: 'code',
        message: 'This redemption code has been disabled.',
      });
    }
    if (row.expires_at !== null && Number(row.expires_at) <= at) {
      return new GatewayError({
        kind: 'invalid_request',
        code: 'redemption_code_expired',
        param: 'code',
        message: `This redemption code expired on ${new Date(Number(row.expires_at)).toISOString()}.`,
      });
    }
    // Unused and valid now, yet not claimed: it changed between the two reads; ask to retry.
    return new GatewayError({
      kind: 'invalid_request',
      code: 'redemption_code_busy',
      param: 'code',
      message: 'This redemption code could not be redeemed right now; try again.',
    });
  }

  /** Every batch, newest first, with its codes counted by status. */
  async listBatches(onlyId?: string): Promise<RedemptionBatch[]> {
    let batchQuery = this.store.db
      .selectFrom('redemption_batches')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id');
    let countQuery = this.store.db
      .selectFrom('redemption_codes')
      .select((eb) => ['batch_id', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['batch_id', 'status']);
    if (onlyId !== undefined) {
      batchQuery = batchQuery.where('id', '=', onlyId);
      countQuery = countQuery.where('batch_id', '=', onlyId);
    }
    const batches = await batchQuery.execute();
    const counts = await countQuery.execute();
    const byBatch = new Map<string, Record<RedemptionStatus, number>>();
    for (const row of counts) {
      const entry = byBatch.get(row.batch_id) ?? { unused: 0, redeemed: 0, disabled: 0 };
      entry[row.status] = Number(row.n);
      byBatch.set(row.batch_id, entry);
    }
    return batches.map((batch) => ({
      id: batch.id,
      name: batch.name,
      amount: Number(batch.amount),
      count: Number(batch.count),
      expiresAt: batch.expires_at === null ? null : Number(batch.expires_at),
      planId: batch.plan_id,
      createdBy: batch.created_by,
      createdAt: Number(batch.created_at),
      ...(byBatch.get(batch.id) ?? { unused: 0, redeemed: 0, disabled: 0 }),
    }));
  }

  async getBatch(batchId: string): Promise<RedemptionBatch | undefined> {
    return (await this.listBatches(batchId))[0];
  }

  /** Every code of a batch (for export), oldest first; undefined when the batch does not exist. */
  async listCodes(batchId: string): Promise<RedemptionCode[] | undefined> {
    const batch = await this.store.db
      .selectFrom('redemption_batches')
      .select('id')
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch) return undefined;
    const rows = await this.store.db
      .selectFrom('redemption_codes')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      batchId: row.batch_id,
      code: row.code,
      amount: Number(row.amount),
      planId: row.plan_id,
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
      status: row.status,
      redeemedBy: row.redeemed_by,
      redeemedAt: row.redeemed_at === null ? null : Number(row.redeemed_at),
      createdAt: Number(row.created_at),
    }));
  }

  /** Disables one unused code. Returns false when it does not exist or is no longer unused. */
  async disableCode(codeId: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('redemption_codes')
      .set({ status: 'disabled' })
      .where('id', '=', codeId)
      .where('status', '=', 'unused')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Disables every unused code of a batch; returns how many. Redeemed codes stay redeemed. */
  async disableBatch(batchId: string): Promise<number> {
    const result = await this.store.db
      .updateTable('redemption_codes')
      .set({ status: 'disabled' })
      .where('batch_id', '=', batchId)
      .where('status', '=', 'unused')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
