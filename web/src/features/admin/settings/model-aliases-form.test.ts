import { describe, expect, it } from 'vitest';
import { modelAliasesSchema } from '../../../../../src/routing/model-aliases.js';
import {
  type AliasRow,
  aliasesChanged,
  type ModelAliases,
  placeOfParam,
  readAliasRows,
  rowsOf,
} from './model-aliases-form';

const STORED: ModelAliases = {
  fast: { models: ['gpt-4o-mini', 'claude-3-5-haiku'], description: 'Quick answers' },
  smart: { models: ['gpt-4o'], groups: { vip: ['o1', 'gpt-4o'] } },
};

describe('model aliases form', () => {
  it('round-trips the stored aliases, and the result is what the server takes', () => {
    const rows = rowsOf(STORED);
    const { value, errors } = readAliasRows(rows);
    expect(errors).toEqual({});
    expect(value).toEqual(STORED);
    expect(modelAliasesSchema.parse(value)).toEqual(STORED);
    expect(aliasesChanged(rows, STORED)).toBe(false);
  });

  it('trims, drops empty optional parts, and sees a reorder as a change', () => {
    const [fast, smart] = rowsOf(STORED) as [AliasRow, AliasRow];
    const rows = [
      { ...fast, name: ' fast ', description: '  ', models: ['claude-3-5-haiku', 'gpt-4o-mini'] },
      { ...smart, groups: [] },
    ];
    expect(readAliasRows(rows).value).toEqual({
      fast: { models: ['claude-3-5-haiku', 'gpt-4o-mini'] },
      smart: { models: ['gpt-4o'] },
    });
    expect(aliasesChanged(rows, STORED)).toBe(true);
  });

  it('names every problem where it is', () => {
    const rows: AliasRow[] = [
      { id: 1, name: 'bad name', description: '', models: [''], groups: [] },
      {
        id: 2,
        name: 'fast',
        description: 'x'.repeat(301),
        models: ['a', '', 'a'],
        groups: [
          { id: 3, group: '', models: ['b'] },
          { id: 4, group: 'vip', models: ['c'] },
          { id: 5, group: 'vip', models: [''] },
        ],
      },
      { id: 6, name: 'fast', description: '', models: ['a'], groups: [] },
    ];
    expect(readAliasRows(rows).errors).toEqual({
      '1.name': 'nameInvalid',
      '1.models': 'modelsRequired',
      '2.description': 'descriptionTooLong',
      '2.models.1': 'modelEmpty',
      '2.models.2': 'modelRepeated',
      '2.groups.3.group': 'groupRequired',
      '2.groups.5.group': 'groupRepeated',
      '2.groups.5.models': 'modelsRequired',
      '6.name': 'nameRepeated',
    });
  });

  it('agrees with the server on names', () => {
    for (const name of ['fast', 'gpt-4o@team', 'a.b_c-d', 'bad name', 'x/y', 'é']) {
      const client = Object.keys(readAliasRows([{ id: 1, name, description: '', models: ['m'], groups: [] }]).errors);
      const server = modelAliasesSchema.safeParse({ [name]: { models: ['m'] } }).success;
      expect(client.length === 0, name).toBe(server);
    }
  });

  it('places a server error under the alias it names', () => {
    const rows: AliasRow[] = [
      { id: 1, name: 'fast', description: '', models: ['a'], groups: [{ id: 2, group: 'vip', models: ['b'] }] },
      { id: 3, name: 'fast.v2', description: '', models: ['a'], groups: [] },
    ];
    expect(placeOfParam('modelAliases.fast.models[0]', rows)).toBe('1.models');
    expect(placeOfParam('modelAliases.fast.v2.models', rows)).toBe('3.models');
    expect(placeOfParam('modelAliases.fast.groups.vip[0]', rows)).toBe('1.groups.2.models');
    expect(placeOfParam('modelAliases.fast.description', rows)).toBe('1.description');
    expect(placeOfParam('trialCredit', rows)).toBe('form');
    expect(placeOfParam(null, rows)).toBe('form');
  });
});
