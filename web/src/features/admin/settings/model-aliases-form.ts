import type { Settings } from './api';

/**
 * The model aliases editor (settings key `modelAliases`, src/routing/model-aliases.ts): an alias
 * name callers use as a model → an ordered list of models, optionally another list per key group.
 * Pure, so the rules are tested without a browser (model-aliases-form.test.ts).
 */
export type ModelAliases = Settings['modelAliases'];
export type ModelAlias = ModelAliases[string];

/** An alias name as the server takes it: letters, digits and . _ - @ (at most 64). */
export const ALIAS_NAME = /^[\w.@-]+$/;
export const MAX_ALIAS_NAME = 64;
/** Models per list (src/routing/model-aliases.ts `modelList`). */
export const MAX_ALIAS_MODELS = 8;
export const MAX_ALIAS_DESCRIPTION = 300;
export const MAX_GROUP_NAME = 64;

export interface GroupOverrideRow {
  id: number;
  group: string;
  models: string[];
}

export interface AliasRow {
  id: number;
  name: string;
  description: string;
  models: string[];
  groups: GroupOverrideRow[];
}

/**
 * Error message keys (manage:settings.aliases.errors.*) by place: `<alias id>.name`,
 * `<alias id>.models`, `<alias id>.models.<index>`, `<alias id>.groups.<group id>.group`...
 * and `form` for what belongs to no field.
 */
export type AliasErrors = Record<string, string>;

let rowIds = 0;
const nextId = () => ++rowIds;

export function newAliasRow(): AliasRow {
  return { id: nextId(), name: '', description: '', models: [''], groups: [] };
}

export function newGroupRow(): GroupOverrideRow {
  return { id: nextId(), group: '', models: [''] };
}

export function rowsOf(aliases: ModelAliases): AliasRow[] {
  return Object.entries(aliases).map(([name, alias]) => ({
    id: nextId(),
    name,
    description: alias.description ?? '',
    models: [...alias.models],
    groups: Object.entries(alias.groups ?? {}).map(([group, models]) => ({ id: nextId(), group, models: [...models] })),
  }));
}

/** Checks one ordered list: at least one model, none empty or repeated, at most eight. */
function checkList(models: string[], place: string, errors: AliasErrors): string[] {
  const trimmed = models.map((model) => model.trim());
  if (trimmed.every((model) => model === '')) errors[place] = 'modelsRequired';
  else if (trimmed.length > MAX_ALIAS_MODELS) errors[place] = 'tooManyModels';
  trimmed.forEach((model, index) => {
    if (model === '' && trimmed.length > 1) errors[`${place}.${index}`] = 'modelEmpty';
    else if (model.length > 300) errors[`${place}.${index}`] = 'modelTooLong';
    else if (model !== '' && trimmed.indexOf(model) !== index) errors[`${place}.${index}`] = 'modelRepeated';
  });
  return trimmed.filter((model) => model !== '');
}

/** The rows as the setting's value, with an error key per place that cannot be sent. */
export function readAliasRows(rows: AliasRow[]): { value: ModelAliases; errors: AliasErrors } {
  const errors: AliasErrors = {};
  const value: ModelAliases = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) errors[`${row.id}.name`] = 'nameRequired';
    else if (name.length > MAX_ALIAS_NAME || !ALIAS_NAME.test(name)) errors[`${row.id}.name`] = 'nameInvalid';
    else if (Object.hasOwn(value, name)) errors[`${row.id}.name`] = 'nameRepeated';
    const description = row.description.trim();
    if (description.length > MAX_ALIAS_DESCRIPTION) errors[`${row.id}.description`] = 'descriptionTooLong';
    const models = checkList(row.models, `${row.id}.models`, errors);

    const groups: Record<string, string[]> = {};
    for (const override of row.groups) {
      const group = override.group.trim();
      const place = `${row.id}.groups.${override.id}`;
      if (!group) errors[`${place}.group`] = 'groupRequired';
      else if (group.length > MAX_GROUP_NAME) errors[`${place}.group`] = 'groupTooLong';
      else if (Object.hasOwn(groups, group)) errors[`${place}.group`] = 'groupRepeated';
      const list = checkList(override.models, `${place}.models`, errors);
      if (group && !Object.hasOwn(groups, group)) groups[group] = list;
    }

    if (name && !Object.hasOwn(value, name)) {
      const alias: ModelAlias = { models };
      if (Object.keys(groups).length > 0) alias.groups = groups;
      if (description) alias.description = description;
      value[name] = alias;
    }
  }
  return { value, errors };
}

/** Whether the rows mean something else than the stored aliases (how they are typed aside). */
export function aliasesChanged(rows: AliasRow[], stored: ModelAliases): boolean {
  const { value, errors } = readAliasRows(rows);
  if (Object.keys(errors).length > 0) return true;
  return JSON.stringify(value) !== JSON.stringify(stored);
}

/**
 * Where a server error about the setting belongs: `modelAliases.fast.models[1]` → the models of
 * the row named `fast`; `modelAliases.fast.groups.vip` → that override's list. Otherwise `form`.
 */
export function placeOfParam(param: string | null, rows: AliasRow[]): string {
  if (!param?.startsWith('modelAliases.')) return 'form';
  const rest = param.slice('modelAliases.'.length);
  // Longest names first: `fast.v2` must not be taken for `fast`.
  const byLength = [...rows].sort((a, b) => b.name.trim().length - a.name.trim().length);
  for (const row of byLength) {
    const name = row.name.trim();
    if (!name || (rest !== name && !rest.startsWith(`${name}.`) && !rest.startsWith(`${name}[`))) continue;
    const field = rest.slice(name.length).replace(/^\./, '');
    if (field === '') return `${row.id}.name`;
    if (field.startsWith('description')) return `${row.id}.description`;
    if (field.startsWith('groups.')) {
      const groupPart = field.slice('groups.'.length);
      const override = row.groups.find(
        (candidate) => groupPart === candidate.group.trim() || groupPart.startsWith(`${candidate.group.trim()}[`),
      );
      return override ? `${row.id}.groups.${override.id}.models` : `${row.id}.models`;
    }
    return `${row.id}.models`;
  }
  return 'form';
}
