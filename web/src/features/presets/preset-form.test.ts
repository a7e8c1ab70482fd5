import { describe, expect, it } from 'vitest';
import {
  PRESET_NAME as SERVER_PRESET_NAME,
  PRESET_PREFIX as SERVER_PRESET_PREFIX,
} from '../../../../src/presets/preset-body.js';
import { MAX_MODELS } from '../../../../src/surfaces/openai/request-schema.js';
import {
  createBody,
  draftOfPreset,
  EMPTY_PRESET_DRAFT,
  fieldOfParam,
  type PresetDraft,
  patchBody,
  readDraft,
} from './preset-form';
import { MAX_PRESET_MODELS, modelsOf, PRESET_NAME, PRESET_PREFIX, type Preset } from './types';

const saved = (fields: Partial<Preset>): Preset => ({
  id: 'pst_1',
  name: 'writer',
  description: null,
  shared: false,
  createdAt: 1,
  updatedAt: 1,
  model: 'gpt-4o-mini',
  ...fields,
});

const draft = (fields: Partial<PresetDraft>): PresetDraft => ({ ...EMPTY_PRESET_DRAFT, name: 'writer', ...fields });

describe('preset form', () => {
  it('restates the server’s rules exactly', () => {
    expect(PRESET_NAME.source).toBe(SERVER_PRESET_NAME.source);
    expect(PRESET_NAME.flags).toBe(SERVER_PRESET_NAME.flags);
    expect(PRESET_PREFIX).toBe(SERVER_PRESET_PREFIX);
    expect(MAX_PRESET_MODELS).toBe(MAX_MODELS);
  });

  it('lists model, then models, without repeats', () => {
    expect(modelsOf({ model: 'a', models: ['b', 'a', 'c'] })).toEqual(['a', 'b', 'c']);
    expect(modelsOf({ models: ['b', 'c'] })).toEqual(['b', 'c']);
  });

  it('makes a create body of only what is set: first model, fallbacks, parameters, preferences', () => {
    const form = draft({
      models: ['gpt-4o', ' claude-3-5-haiku ', ''],
      system: 'Be brief.',
      temperature: '0.2',
      maxTokens: '512',
      stop: 'END\n\nSTOP',
      order: ['openai'],
      sort: 'latency',
      maxPricePrompt: '3',
    });
    const { content, errors } = readDraft({ ...form, models: ['gpt-4o', ' claude-3-5-haiku '] });
    expect(errors).toEqual({});
    expect(createBody(form, content!, false)).toEqual({
      name: 'writer',
      model: 'gpt-4o',
      models: ['claude-3-5-haiku'],
      system: 'Be brief.',
      params: { temperature: 0.2, max_tokens: 512, stop: ['END', 'STOP'] },
      provider: { order: ['openai'], sort: 'latency', max_price: { prompt: 3 } },
    });
  });

  it('shares a preset only for an administrator', () => {
    const form = draft({ models: ['m'], shared: true });
    const { content } = readDraft(form);
    expect(createBody(form, content!, true).shared).toBe(true);
    expect(createBody(form, content!, false).shared).toBeUndefined();
  });

  it('refuses what the server would, field by field', () => {
    const { content, errors } = readDraft(
      draft({
        name: '-bad',
        models: ['@preset/other', 'x', 'x'],
        temperature: '3',
        topK: '1.5',
        maxPriceCompletion: '-1',
        advanced: '{"model": "x"}',
      }),
    );
    expect(content).toBeUndefined();
    expect(errors).toEqual({
      name: 'nameInvalid',
      'models.0': 'modelIsPreset',
      'models.2': 'modelRepeated',
      temperature: 'temperature',
      topK: 'topK',
      maxPriceCompletion: 'price',
      advanced: 'advanced',
    });
    expect(readDraft(draft({ models: [''] })).errors).toEqual({ models: 'modelsRequired' });
    expect(readDraft(draft({ models: ['m'] }), { nameTaken: () => true }).errors).toEqual({ name: 'nameTaken' });
  });

  it('keeps what the form has no control for in the JSON field, and merges it back', () => {
    const preset = saved({
      params: { temperature: 1, response_format: { type: 'json_object' }, stop: ['\n'] },
      provider: { only: ['openai'], data_collection: 'deny' },
    });
    const form = draftOfPreset(preset);
    expect(form.temperature).toBe('1');
    expect(form.only).toEqual(['openai']);
    expect(form.stop).toBe('');
    expect(JSON.parse(form.advanced)).toEqual({
      params: { response_format: { type: 'json_object' }, stop: ['\n'] },
      provider: { data_collection: 'deny' },
    });
    const { content } = readDraft(form);
    expect(content?.params).toEqual(preset.params);
    expect(content?.provider).toEqual(preset.provider);
  });

  it('patches emptied fields in their empty form, since the server merges and takes no null', () => {
    const preset = saved({
      model: 'a',
      models: ['b'],
      system: 'Be brief.',
      params: { temperature: 1 },
      provider: { sort: 'price' },
      description: 'old',
    });
    const form = { ...draftOfPreset(preset), models: ['a'], system: '', temperature: '', sort: '' as const };
    form.description = '';
    const { content } = readDraft(form);
    expect(patchBody(preset, form, content!)).toEqual({
      model: 'a',
      models: ['a'],
      description: null,
      system: '',
      params: {},
      provider: {},
    });
    // Nothing emptied: only the model (always) and what is set.
    const untouched = draftOfPreset(saved({}));
    expect(patchBody(saved({}), untouched, readDraft(untouched).content!)).toEqual({ model: 'gpt-4o-mini' });
  });

  it('places a server error under its field', () => {
    expect(fieldOfParam('params.temperature')).toBe('temperature');
    expect(fieldOfParam('params.response_format.type')).toBe('advanced');
    expect(fieldOfParam('provider.order[0]')).toBe('order');
    expect(fieldOfParam('models[1]')).toBe('models');
    expect(fieldOfParam('name')).toBe('name');
    expect(fieldOfParam(null)).toBeUndefined();
  });
});
