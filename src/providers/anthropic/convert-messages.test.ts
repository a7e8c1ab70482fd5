import { describe, expect, it } from 'vitest';
import type { Message } from '../../ir/index.js';
import { convertMessages, lastAssistantToolTurnLacksThinking } from './convert-messages.js';

const text = (value: string) => ({ type: 'text' as const, text: value });

describe('convertMessages', () => {
  it('hoists system and developer messages from anywhere, in order', () => {
    const { system, messages } = convertMessages([
      { role: 'system', content: [text('Be brief.')] },
      { role: 'user', content: [text('hi')] },
      { role: 'developer', content: [text('Answer in French.'), text('')] },
      { role: 'user', content: [text('again')] },
    ]);
    expect(system).toEqual([text('Be brief.'), text('Answer in French.')]);
    expect(messages).toEqual([{ role: 'user', content: [text('hi'), text('again')] }]);
  });

  it('merges consecutive tool messages into one user turn of tool_result blocks, ahead of user text', () => {
    const { messages } = convertMessages([
      { role: 'user', content: [text('weather?')] },
      {
        role: 'assistant',
        name: 'bot',
        content: [
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'weather', arguments: '' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', toolName: 'weather', content: [text('sunny')] },
      { role: 'tool', toolCallId: 'toolu_2', content: [] },
      { role: 'user', content: [text('thanks')] },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: [text('weather?')] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_2' },
          text('thanks'),
        ],
      },
    ]);
  });

  it('puts tool results first even when user text came before them', () => {
    const { messages } = convertMessages([
      { role: 'user', content: [text('note')] },
      { role: 'tool', toolCallId: 'toolu_1', content: [text('42')] },
    ]);
    expect(messages[0].content.map((block) => block.type)).toEqual(['tool_result', 'text']);
  });

  it('replays signed and redacted reasoning and drops unsigned reasoning', () => {
    const { messages } = convertMessages([
      { role: 'user', content: [text('q')] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'from another vendor' },
          { type: 'reasoning', text: 'mine', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          text('answer'),
          { type: 'refusal', text: 'no' },
        ],
      },
    ]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'mine', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        text('answer'),
        text('no'),
      ],
    });
  });

  it('skips messages left empty and merges the neighbours they separated', () => {
    const { messages } = convertMessages([
      { role: 'user', content: [text('a')] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }, text('')] },
      { role: 'user', content: [text('b')] },
    ]);
    expect(messages).toEqual([{ role: 'user', content: [text('a'), text('b')] }]);
  });

  it('sends unparseable or non-object tool arguments as an empty object', () => {
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 't1', name: 'f', arguments: '{"cut": "of' },
          { type: 'tool-call', id: 't2', name: 'f', arguments: '[1,2]' },
        ],
      },
    ];
    const [assistant] = convertMessages(messages).messages;
    expect(assistant.content).toEqual([
      { type: 'tool_use', id: 't1', name: 'f', input: {} },
      { type: 'tool_use', id: 't2', name: 'f', input: {} },
    ]);
  });
});

describe('lastAssistantToolTurnLacksThinking', () => {
  const toolUse = { type: 'tool_use' as const, id: 't', name: 'f', input: {} };
  const result = { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 't' }] };

  it('is true when the last assistant turn calls a tool without leading thinking', () => {
    expect(lastAssistantToolTurnLacksThinking([{ role: 'assistant', content: [text('x'), toolUse] }, result])).toBe(
      true,
    );
  });

  it('is false when the turn starts with signed or redacted thinking, or calls no tool', () => {
    const thinking = { type: 'thinking' as const, thinking: 't', signature: 's' };
    expect(lastAssistantToolTurnLacksThinking([{ role: 'assistant', content: [thinking, toolUse] }, result])).toBe(
      false,
    );
    const redacted = { type: 'redacted_thinking' as const, data: 'd' };
    expect(lastAssistantToolTurnLacksThinking([{ role: 'assistant', content: [redacted, toolUse] }])).toBe(false);
    expect(
      lastAssistantToolTurnLacksThinking([
        { role: 'assistant', content: [toolUse] },
        result,
        { role: 'assistant', content: [text('done')] },
        { role: 'user', content: [text('more')] },
      ]),
    ).toBe(false);
    expect(lastAssistantToolTurnLacksThinking([{ role: 'user', content: [text('hi')] }])).toBe(false);
  });
});

describe('system prompt caching', () => {
  it('keeps a cache breakpoint on a system block', () => {
    const { system } = convertMessages([
      {
        role: 'system',
        content: [{ type: 'text', text: 'A long system prompt', cacheControl: { type: 'ephemeral' } }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(system).toEqual([{ type: 'text', text: 'A long system prompt', cache_control: { type: 'ephemeral' } }]);
  });
});

describe('foreign signatures', () => {
  it('does not replay another vendor’s reasoning signature to Anthropic', () => {
    const { messages } = convertMessages([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'gemini thought', signature: 'g-sig', signatureProvider: 'gemini' },
          { type: 'text', text: 'Hello' },
        ],
      },
    ]);
    expect(messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] });
  });
});
