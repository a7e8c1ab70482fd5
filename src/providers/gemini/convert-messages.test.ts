import { describe, expect, it } from 'vitest';
import { GatewayError, type Message } from '../../ir/index.js';
import { convertMessages } from './convert-messages.js';
import { DUMMY_THOUGHT_SIGNATURE } from './thought-signature.js';

describe('convertMessages', () => {
  it('hoists system and developer messages into systemInstruction and maps roles', () => {
    const messages: Message[] = [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Bonjour' }] },
    ];
    expect(convertMessages(messages, 'gemini-2.5-flash')).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Bonjour' }] },
      ],
    });
  });

  it('merges consecutive turns of the same role, tool results included', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'c1', name: 'f', arguments: '{"x":1}' },
          { type: 'tool-call', id: 'c2', name: 'g', arguments: '' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: [{ type: 'text', text: '{"ok":true}' }] },
      { role: 'tool', toolCallId: 'c2', content: [{ type: 'text', text: 'done' }] },
      { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
    ];
    expect(convertMessages(messages, 'gemini-2.5-flash').contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'f', args: { x: 1 } } }, { functionCall: { name: 'g', args: {} } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'f', response: { ok: true } } },
          { functionResponse: { name: 'g', response: { result: 'done' } } },
          { text: 'thanks' },
        ],
      },
    ]);
  });

  it('keeps thought signatures on the parts they came with and drops unsigned reasoning', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'summary without signature' },
          { type: 'reasoning', text: 'signed thought', signature: 'sigR' },
          { type: 'reasoning', text: '', redactedData: 'opaque', signature: 'anthropic' },
          { type: 'text', text: 'answer', signature: 'sigT' },
          { type: 'text', text: '', signature: 'sigEmpty' },
          { type: 'text', text: '' },
          { type: 'tool-call', id: 'c', name: 'f', arguments: '{}', signature: 'sigC' },
        ],
      },
    ];
    expect(convertMessages(messages, 'gemini-2.5-pro').contents[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'signed thought', thought: true, thoughtSignature: 'sigR' },
        { text: 'answer', thoughtSignature: 'sigT' },
        { text: '', thoughtSignature: 'sigEmpty' },
        { functionCall: { name: 'f', args: {} }, thoughtSignature: 'sigC' },
      ],
    });
  });

  it('adds the placeholder signature to an unsigned replayed call for Gemini 3 only', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'c', content: [{ type: 'text', text: 'r' }] },
    ];
    expect(convertMessages(messages, 'gemini-3-pro-preview').contents[1]!.parts[0]!.thoughtSignature).toBe(
      'skip_thought_signature_validator',
    );
    expect(convertMessages(messages, 'gemini-2.5-pro').contents[1]!.parts[0]!.thoughtSignature).toBeUndefined();
  });

  it('converts user media and drops empty assistant turns', () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBO' } },
          {
            type: 'file',
            source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
            mediaType: 'application/pdf',
          },
          { type: 'audio', data: 'SUQz', format: 'mp3' },
        ],
      },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }] },
      { role: 'user', content: [{ type: 'text', text: 'again' }] },
    ];
    expect(convertMessages(messages, 'gemini-2.5-flash').contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'look' },
          { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
          { inlineData: { mimeType: 'audio/mp3', data: 'SUQz' } },
          { text: 'again' },
        ],
      },
    ]);
  });

  it('replays generated images as inlineData with their Gemini signature; a foreign one gives way to the placeholder', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Draw a cat' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Here it is', signature: 'sigT' },
          { type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 'sigI' },
          {
            type: 'generated-image',
            mediaType: 'image/jpeg',
            data: '/9j/',
            signature: 'x',
            signatureProvider: 'openai',
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Make it blue' }] },
    ];
    expect(convertMessages(messages, 'gemini-3-pro-image-preview').contents[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'Here it is', thoughtSignature: 'sigT' },
        { inlineData: { mimeType: 'image/png', data: 'iVBOR' }, thoughtSignature: 'sigI' },
        // Gemini 3 would refuse the edit over an unsigned image of its own turn (thought-signature.ts).
        { inlineData: { mimeType: 'image/jpeg', data: '/9j/' }, thoughtSignature: DUMMY_THOUGHT_SIGNATURE },
      ],
    });
    // Before Gemini 3 nothing checks signatures: an unsigned image goes back as it is.
    expect(convertMessages(messages, 'gemini-2.5-flash-image').contents[1]!.parts[2]).toEqual({
      inlineData: { mimeType: 'image/jpeg', data: '/9j/' },
    });
  });

  it('rejects tool-call arguments that are not a JSON object', () => {
    for (const args of ['{oops', '[1]', 'null']) {
      const messages: Message[] = [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: args }] },
      ];
      expect(() => convertMessages(messages, 'gemini-2.5-flash')).toThrow(GatewayError);
    }
  });

  it('rejects a tool result whose call cannot be found', () => {
    const messages: Message[] = [{ role: 'tool', toolCallId: 'missing', content: [{ type: 'text', text: 'r' }] }];
    expect(() => convertMessages(messages, 'gemini-2.5-flash')).toThrow(/no tool name/);
  });
});
