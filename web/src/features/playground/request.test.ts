import { describe, expect, it } from 'vitest';
import type { PickerModel } from '../../components/ModelPicker';
import { chatRequestBody } from './code-snippets';
import { acceptsTemperature, buildConversation, parseTools, toMessages } from './request';
import { emptyAssistant } from './runner';
import { addColumn, clearConversation, initialState, removeColumn, setCompare } from './store';
import { DEFAULT_SETTINGS, type Turn } from './types';

const reasoner: PickerModel = {
  id: 'thinker',
  provider: 'x',
  capabilities: { reasoning: true },
  pricesKnown: true,
  price: null,
  inCatalog: true,
};
const plain: PickerModel = { ...reasoner, id: 'plain', capabilities: {} };

const turns: Turn[] = [
  {
    id: 'u1',
    role: 'user',
    content: 'Look',
    attachments: [{ id: 'i', name: 'a.png', mediaType: 'image/png', dataUrl: 'data:image/png;base64,AA', size: 1 }],
  },
  {
    ...emptyAssistant('thinker'),
    status: 'done',
    content: '',
    reasoning: 'hmm',
    reasoningDetails: [{ type: 'reasoning.text', text: 'hmm', signature: 'sig' }],
    toolCalls: [{ index: 0, id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
  },
  { id: 'r1', role: 'tool', toolCallId: 'call_1', name: 'get_weather', content: '21 °C' },
  {
    ...emptyAssistant('thinker'),
    status: 'error',
    error: { status: 429, code: null, message: 'slow down', retryAfterSeconds: 1, requestId: null, at: 0 },
  },
  {
    id: 'u2',
    role: 'user',
    content: 'And tomorrow?',
    attachments: [{ id: 'j', name: 'gone.png', mediaType: 'image/png', dataUrl: '', size: 1 }],
  },
];

describe('toMessages', () => {
  it('sends images as parts, tool calls with reasoning as received, tool results, and leaves out failed replies', () => {
    expect(toMessages('Be brief.', turns)).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
        reasoning_content: 'hmm',
        reasoning_details: [{ type: 'reasoning.text', text: 'hmm', signature: 'sig' }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '21 °C' },
      // An image dropped from storage is not sent.
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('has no system message when the prompt is blank', () => {
    expect(toMessages('  ', [])).toEqual([]);
  });
});

describe('buildConversation', () => {
  const settings = {
    ...DEFAULT_SETTINGS,
    temperature: 0.3,
    maxTokens: 200,
    reasoningMode: 'budget' as const,
    thinkingBudget: 2048,
  };

  it('sends no temperature to OpenAI’s reasoning models, which refuse it', () => {
    const base = { baseUrl: 'http://h/v1', settings, turns: turns.slice(0, 1) };
    const o3: PickerModel = { ...reasoner, id: 'o3', provider: 'openai' };
    expect(acceptsTemperature(o3)).toBe(false);
    expect(chatRequestBody(buildConversation({ ...base, model: 'o3', modelInfo: o3 })).temperature).toBeUndefined();
    // Their chat variants, other vendors' reasoning models and plain models take it.
    expect(acceptsTemperature({ ...o3, id: 'gpt-5-chat-latest' })).toBe(true);
    expect(acceptsTemperature(reasoner)).toBe(true);
    expect(acceptsTemperature(plain)).toBe(true);
    expect(acceptsTemperature(undefined)).toBe(true);
  });

  it('sends reasoning settings only to a model that reasons', () => {
    const base = { baseUrl: 'http://h/v1', settings, turns: turns.slice(0, 1) };
    const thinking = chatRequestBody(buildConversation({ ...base, model: 'thinker', modelInfo: reasoner }));
    expect(thinking).toMatchObject({
      model: 'thinker',
      temperature: 0.3,
      max_tokens: 200,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stream: true,
    });
    const other = chatRequestBody(buildConversation({ ...base, model: 'plain', modelInfo: plain }));
    expect(other.thinking).toBeUndefined();
    expect(other.reasoning_effort).toBeUndefined();
    const effort = chatRequestBody(
      buildConversation({
        ...base,
        settings: { ...settings, reasoningMode: 'effort', reasoningEffort: 'low' },
        model: 'thinker',
        modelInfo: reasoner,
      }),
    );
    expect(effort.reasoning_effort).toBe('low');
  });

  it('leaves defaults out and adds valid tools', () => {
    const tools = '[{"type":"function","function":{"name":"f"}}]';
    const body = chatRequestBody(
      buildConversation({
        baseUrl: 'http://h/v1',
        model: 'plain',
        modelInfo: plain,
        settings: { ...DEFAULT_SETTINGS, toolsJson: tools },
        turns: [{ id: 'u', role: 'user', content: 'hi', attachments: [] }],
      }),
    );
    expect(body).toEqual({
      model: 'plain',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f' } }],
      stream: true,
    });
  });
});

describe('parseTools', () => {
  it('accepts an empty box, an array or a single tool, and says what is wrong otherwise', () => {
    expect(parseTools('')).toEqual({ ok: true, tools: [] });
    expect(parseTools('{"type":"function","function":{"name":"f"}}')).toMatchObject({ ok: true, tools: [{}] });
    expect(parseTools('[{')).toEqual({ ok: false, error: 'json' });
    expect(parseTools('[{"type":"function","function":{}}]')).toEqual({ ok: false, error: 'shape' });
    expect(parseTools('[1]')).toEqual({ ok: false, error: 'shape' });
  });
});

describe('store changes', () => {
  it('compare adds a column with the same model, up to three, and back to one', () => {
    let state = initialState();
    state = { ...state, columns: [{ ...state.columns[0]!, model: 'a', turns }] };
    state = setCompare(state, true);
    expect(state.columns.map((column) => column.model)).toEqual(['a', 'a']);
    expect(state.columns[1]!.turns).toEqual([]);
    state = addColumn(addColumn(state, 'b'), 'c');
    expect(state.columns).toHaveLength(3);
    state = removeColumn(state, state.columns[2]!.id);
    expect(state.compare).toBe(true);
    state = removeColumn(state, state.columns[1]!.id);
    expect(state.compare).toBe(false);
    state = clearConversation(state);
    expect(state.columns[0]).toMatchObject({ model: 'a', turns: [] });
  });
});
