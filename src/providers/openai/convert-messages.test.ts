import { describe, expect, it } from 'vitest';
import type { Message } from '../../ir/index.js';
import { convertMessagesToOpenAI, TOOL_MEDIA_PLACEHOLDER, toolCallId } from './convert-messages.js';
import { resolveDialect } from './dialect.js';
import { findCompatPreset } from './presets.js';

const dialect = (name?: string) => resolveDialect(name ? findCompatPreset(name)?.quirks : undefined);
const convert = (messages: Message[], name?: string) => convertMessagesToOpenAI(messages, dialect(name));

const toolTurn: Message[] = [
  { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Use the tool.', signature: 'sig-1' },
      { type: 'tool-call', id: 'call_abc', name: 'weather', arguments: '{"city":"Paris"}' },
    ],
  },
  { role: 'tool', toolCallId: 'call_abc', content: [{ type: 'text', text: 'Sunny' }] },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Answer.' },
      { type: 'text', text: 'It is sunny.' },
    ],
  },
  { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Be polite.' },
      { type: 'text', text: 'You are welcome.' },
    ],
  },
];

describe('convertMessagesToOpenAI', () => {
  it('user parts: lone text as a string, images, audio and files as OpenAI parts', () => {
    const { messages } = convert([
      { role: 'user', content: [{ type: 'text', text: 'hi' }], name: 'ann' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' }, detail: 'low' },
          { type: 'image', source: { kind: 'url', url: 'https://example.test/a.jpg' } },
          { type: 'audio', data: 'UklG', format: 'wav' },
          {
            type: 'file',
            source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
            mediaType: 'application/pdf',
            filename: 'a.pdf',
          },
        ],
      },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'hi', name: 'ann' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.test/a.jpg' } },
          { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        ],
      },
    ]);
  });

  it('developer stays developer for OpenAI and becomes system for vendors without it', () => {
    const developer: Message[] = [{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] }];
    expect(convert(developer).messages[0].role).toBe('developer');
    expect(convert(developer, 'deepseek').messages[0].role).toBe('system');
  });

  it('several system text parts: an array for OpenAI, joined for compatible vendors', () => {
    const system: Message[] = [
      {
        role: 'system',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
    ];
    expect(convert(system).messages[0].content).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
    expect(convert(system, 'moonshot').messages[0].content).toBe('A\nB');
  });

  it('names are dropped and reported for vendors that reject them', () => {
    const named: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }], name: 'ann' }];
    expect(convert(named, 'groq')).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      droppedParams: ['messages[].name'],
    });
  });

  it('assistant tool calls: content null, empty arguments sent as {}; OpenAI drops reasoning', () => {
    const { messages } = convert([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm' },
          { type: 'tool-call', id: 'c1', name: 'now', arguments: '' },
        ],
      },
      { role: 'assistant', content: [{ type: 'refusal', text: 'No.' }] },
    ]);
    expect(messages).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'now', arguments: '{}' } }],
      },
      { role: 'assistant', content: '', refusal: 'No.' },
    ]);
  });

  it('DeepSeek: reasoning_content only in user turns that called tools', () => {
    const assistants = convert(toolTurn, 'deepseek').messages.filter((message) => message.role === 'assistant');
    expect(
      assistants.map((message) => ('reasoning_content' in message ? message.reasoning_content : undefined)),
    ).toEqual(['Use the tool.', 'Answer.', undefined]);
  });

  it('Moonshot: reasoning_content on every assistant message', () => {
    const assistants = convert(toolTurn, 'moonshot').messages.filter((message) => message.role === 'assistant');
    expect(
      assistants.map((message) => ('reasoning_content' in message ? message.reasoning_content : undefined)),
    ).toEqual(['Use the tool.', 'Answer.', 'Be polite.']);
  });

  it('OpenRouter: reasoning_details carry signatures and encrypted blocks back', () => {
    const { messages } = convert(
      [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'T', signature: 'S' },
            { type: 'reasoning', text: '', redactedData: 'ENC' },
            { type: 'text', text: 'ok' },
          ],
        },
      ],
      'openrouter',
    );
    expect(messages[0]).toEqual({
      role: 'assistant',
      content: 'ok',
      reasoning_details: [
        { type: 'reasoning.text', text: 'T', signature: 'S', index: 0 },
        { type: 'reasoning.encrypted', data: 'ENC', index: 1 },
      ],
    });
  });

  it('Mistral: thinking chunk before the text, and tool-call ids mapped to nine alphanumerics', () => {
    const { messages } = convert(toolTurn, 'mistral');
    const mapped = toolCallId('call_abc', dialect('mistral'));
    expect(mapped).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(messages[1]).toMatchObject({ tool_calls: [{ id: mapped }] });
    expect(messages[2]).toEqual({ role: 'tool', tool_call_id: mapped, content: 'Sunny' });
    expect(messages[3]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: [{ type: 'text', text: 'Answer.' }] },
        { type: 'text', text: 'It is sunny.' },
      ],
    });
    expect(toolCallId('KikbB849t', dialect('mistral'))).toBe('KikbB849t');
  });

  it('media in tool results moves to one user message after the run of tool messages', () => {
    const { messages } = convert([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'a', name: 'img', arguments: '{}' },
          { type: 'tool-call', id: 'b', name: 'txt', arguments: '{}' },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'a',
        content: [{ type: 'image', source: { kind: 'url', url: 'https://example.test/x.png' } }],
      },
      { role: 'tool', toolCallId: 'b', content: [{ type: 'text', text: 'plain' }] },
      { role: 'user', content: [{ type: 'text', text: 'next' }] },
    ]);
    expect(messages.slice(1)).toEqual([
      { role: 'tool', tool_call_id: 'a', content: TOOL_MEDIA_PLACEHOLDER },
      { role: 'tool', tool_call_id: 'b', content: 'plain' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Content of tool result a:' },
          { type: 'image_url', image_url: { url: 'https://example.test/x.png' } },
        ],
      },
      { role: 'user', content: 'next' },
    ]);
  });
});
