import { describe, expect, it } from 'vitest';
import { encodeAnthropicModel, encodeAnthropicModelList } from './model-list.js';

describe('Anthropic model list', () => {
  it('lists models with RFC 3339 dates and the page ids', () => {
    expect(
      encodeAnthropicModelList([
        { id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', createdAt: 1_770_163_200 },
        { id: 'gpt-5' },
      ]),
    ).toEqual({
      data: [
        { type: 'model', id: 'claude-opus-4-6', display_name: 'Claude Opus 4.6', created_at: '2026-02-04T00:00:00Z' },
        { type: 'model', id: 'gpt-5', display_name: 'gpt-5', created_at: '1970-01-01T00:00:00Z' },
      ],
      has_more: false,
      first_id: 'claude-opus-4-6',
      last_id: 'gpt-5',
    });
  });

  it('answers an empty list and a single model', () => {
    expect(encodeAnthropicModelList([])).toEqual({ data: [], has_more: false, first_id: null, last_id: null });
    expect(encodeAnthropicModel({ id: 'm', createdAt: 1 })).toEqual({
      type: 'model',
      id: 'm',
      display_name: 'm',
      created_at: '1970-01-01T00:00:01Z',
    });
  });
});
