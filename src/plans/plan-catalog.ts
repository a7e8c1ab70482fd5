/**
 * Plans as operators define them: create, edit, archive (a plan is never deleted: subscriptions
 * and orders name it). An edit changes new purchases and renewals; a running period keeps the
 * terms it started with (subscriptions copy them).
 */
import type { Store } from '../store/database.js';
import type { PlanStatus } from '../store/schema.js';
import { invalidPlanError, planNotFoundError } from './plan-errors.js';
import { planFromRow } from './plan-rows.js';
import { ALLOWANCE_WINDOWS, type Plan, type PlanInput } from './plan-types.js';

export interface PlanCatalogOptions {
  now: () => number;
  newId: (prefix: string) => string;
}

export type PlanPatch = Partial<PlanInput> & { status?: PlanStatus };

function check(input: PlanInput): void {
  if (!input.name.trim()) throw invalidPlanError('name', 'A plan needs a name.');
  if (!Number.isSafeInteger(input.price) || input.price < 0) {
    throw invalidPlanError('price', 'The price is a non-negative whole number of units.');
  }
  if (input.period.kind === 'days' && (!Number.isInteger(input.period.days) || input.period.days < 1)) {
    throw invalidPlanError('period', 'A period of days needs at least one day.');
  }
  if (input.models.length === 0) throw invalidPlanError('models', 'A plan covers at least one model (or "*").');
  for (const name of ALLOWANCE_WINDOWS) {
    const allowance = input.allowances[name];
    if (allowance && (!Number.isSafeInteger(allowance.limit) || allowance.limit <= 0)) {
      throw invalidPlanError(`allowances.${name}`, 'An allowance is a positive whole number.');
    }
  }
}

export class PlanCatalog {
  constructor(
    private readonly store: Store,
    private readonly options: PlanCatalogOptions,
  ) {}

  async list(options: { includeArchived: boolean }): Promise<Plan[]> {
    let query = this.store.db.selectFrom('plans').selectAll().orderBy('price').orderBy('created_at').orderBy('id');
    if (!options.includeArchived) query = query.where('status', '=', 'active');
    return (await query.execute()).map(planFromRow);
  }

  async get(id: string): Promise<Plan | undefined> {
    const row = await this.store.db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? planFromRow(row) : undefined;
  }

  async create(input: PlanInput): Promise<Plan> {
    check(input);
    const at = this.options.now();
    const id = this.options.newId('plan');
    await this.store.db
      .insertInto('plans')
      .values({
        id,
        ...planColumns(input),
        status: 'active',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return (await this.get(id)) as Plan;
  }

  async update(id: string, patch: PlanPatch): Promise<Plan> {
    const current = await this.get(id);
    if (!current) throw planNotFoundError(id);
    const next: PlanInput = {
      name: patch.name ?? current.name,
      description: patch.description ?? current.description,
      price: patch.price ?? current.price,
      period: patch.period ?? current.period,
      models: patch.models ?? current.models,
      allowances: patch.allowances ?? current.allowances,
      requestsPerMinute: patch.requestsPerMinute !== undefined ? patch.requestsPerMinute : current.requestsPerMinute,
      overflowToBalance: patch.overflowToBalance ?? current.overflowToBalance,
    };
    check(next);
    await this.store.db
      .updateTable('plans')
      .set({
        ...planColumns(next),
        status: patch.status ?? current.status,
        updated_at: this.options.now(),
      })
      .where('id', '=', id)
      .execute();
    return (await this.get(id)) as Plan;
  }
}

/** A checked plan's columns, as create and update both write them. */
function planColumns(input: PlanInput) {
  return {
    name: input.name.trim(),
    description: input.description ?? '',
    price: input.price,
    period_kind: input.period.kind,
    period_days: input.period.kind === 'days' ? input.period.days : null,
    models: JSON.stringify(input.models),
    allowances: JSON.stringify(input.allowances),
    requests_per_minute: input.requestsPerMinute ?? null,
    overflow_to_balance: input.overflowToBalance ? 1 : 0,
  };
}
