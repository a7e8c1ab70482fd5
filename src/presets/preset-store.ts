/**
 * Presets kept in the database: each user's own, and the operator's (`owner = '*'`), which every
 * user may call and only administrators change. A name is unique per owner; a user's own preset
 * wins over the operator's of the same name. Every read and write checks ownership: one user can
 * neither call nor see nor change another's presets (a 404, as for anything not theirs).
 */
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { PresetsTable } from '../store/schema.js';
import { validationError } from '../surfaces/openai/validation-error.js';
import { type PresetBody, presetBodySchema } from './preset-body.js';

export const OPERATOR_OWNER = '*';
/** Presets per owner: enough for any workflow, bounded against a user filling the table. */
export const MAX_PRESETS_PER_OWNER = 200;

export interface Preset extends PresetBody {
  id: string;
  name: string;
  description: string | null;
  /** The operator's: every user may call it. */
  shared: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PresetViewer {
  userId: string;
  admin: boolean;
}

export interface PresetInput extends PresetBody {
  name: string;
  description?: string | null;
  /** Administrators only: the operator's preset, callable by every user. */
  shared?: boolean;
}

export class PresetStore {
  constructor(
    private readonly store: Store,
    private readonly options: { now: () => number; newId: (prefix: string) => string },
  ) {}

  /** The viewer's own presets and the operator's, by name. */
  async list(viewer: PresetViewer): Promise<Preset[]> {
    const rows = await this.store.db
      .selectFrom('presets')
      .selectAll()
      .where('owner', 'in', [viewer.userId, OPERATOR_OWNER])
      .orderBy('name')
      .orderBy('owner')
      .execute();
    return rows.map(toPreset);
  }

  /** The preset `name` calls for this user: their own, else the operator's; undefined when neither. */
  async find(userId: string, name: string): Promise<Preset | undefined> {
    const rows = await this.store.db
      .selectFrom('presets')
      .selectAll()
      .where('name', '=', name)
      .where('owner', 'in', [userId, OPERATOR_OWNER])
      .execute();
    const row = rows.find((candidate) => candidate.owner === userId) ?? rows[0];
    return row && toPreset(row);
  }

  async create(viewer: PresetViewer, input: PresetInput): Promise<Preset> {
    const owner = this.ownerFor(viewer, input.shared);
    const body = validBody(bodyOf(input));
    const { count } = await this.store.db
      .selectFrom('presets')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('owner', '=', owner)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_PRESETS_PER_OWNER) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: `At most ${MAX_PRESETS_PER_OWNER} presets per owner.`,
        code: 'too_many_presets',
      });
    }
    const now = this.options.now();
    const row: PresetsTable = {
      id: this.options.newId('pst'),
      owner,
      name: input.name,
      description: input.description ?? null,
      body: JSON.stringify(body),
      created_at: now,
      updated_at: now,
    };
    try {
      await this.store.db.insertInto('presets').values(row).execute();
    } catch (error) {
      if (await this.exists(owner, input.name)) throw nameTaken(input.name);
      throw error;
    }
    return toPreset(row);
  }

  async update(viewer: PresetViewer, id: string, input: Partial<PresetInput>): Promise<Preset> {
    const current = await this.owned(viewer, id);
    const merged = { ...bodyOf(toPreset(current)), ...bodyOf(input) };
    const body = validBody(merged);
    const name = input.name ?? current.name;
    if (name !== current.name && (await this.exists(current.owner, name))) throw nameTaken(name);
    const set = {
      name,
      description: input.description === undefined ? current.description : input.description,
      body: JSON.stringify(body),
      updated_at: this.options.now(),
    };
    await this.store.db.updateTable('presets').set(set).where('id', '=', id).execute();
    return toPreset({ ...current, ...set });
  }

  async remove(viewer: PresetViewer, id: string): Promise<void> {
    await this.owned(viewer, id);
    await this.store.db.deleteFrom('presets').where('id', '=', id).execute();
  }

  /** The row when the viewer may change it: their own, or the operator's for an administrator. */
  private async owned(viewer: PresetViewer, id: string): Promise<PresetsTable> {
    const row = await this.store.db.selectFrom('presets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(row.owner === viewer.userId || (row.owner === OPERATOR_OWNER && viewer.admin))) {
      throw presetNotFound(id);
    }
    return row;
  }

  private ownerFor(viewer: PresetViewer, shared: boolean | undefined): string {
    if (!shared) return viewer.userId;
    if (!viewer.admin) {
      throw new GatewayError({
        kind: 'permission',
        message: 'Only administrators create shared presets.',
        param: 'shared',
        code: 'admin_required',
      });
    }
    return OPERATOR_OWNER;
  }

  private async exists(owner: string, name: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('presets')
      .select('id')
      .where('owner', '=', owner)
      .where('name', '=', name)
      .executeTakeFirst();
    return row !== undefined;
  }
}

function validBody(body: Partial<PresetBody>): PresetBody {
  const parsed = presetBodySchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function bodyOf(input: Partial<PresetBody>): Partial<PresetBody> {
  const body: Partial<PresetBody> = {};
  for (const field of ['model', 'models', 'system', 'params', 'provider'] as const) {
    if (input[field] !== undefined) (body as Record<string, unknown>)[field] = input[field];
  }
  return body;
}

function toPreset(row: PresetsTable): Preset {
  return {
    ...(JSON.parse(row.body) as PresetBody),
    id: row.id,
    name: row.name,
    description: row.description,
    shared: row.owner === OPERATOR_OWNER,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function presetNotFound(name: string): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    message: `No preset '${name}' is yours or shared by the operator.`,
    param: 'model',
    code: 'preset_not_found',
  });
}

function nameTaken(name: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    status: 409,
    message: `A preset named '${name}' already exists.`,
    param: 'name',
    code: 'preset_name_taken',
  });
}
