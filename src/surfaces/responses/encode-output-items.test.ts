import { describe, expect, it } from 'vitest';
import type { AssistantContentPart } from '../../ir/index.js';
import { encodeOutputItems, type OutputOptions, segmentContent } from './encode-output-items.js';
import { openReasoning } from './reasoning-envelope.js';
import { responseIds } from './response-ids.js';

const options = (overrides: Partial<OutputOptions> = {}): OutputOptions => ({
  ids: responseIds('req1'),
  issuer: 'anthropic',
  revealEncryptedReasoning: true,
  showReasoningSummary: true,
  ...overrides,
});

const answer: AssistantContentPart[] = [
  { type: 'reasoning', text: 'think', signature: 'sig' },
  { type: 'text', text: 'Hel' },
  { type: 'text', text: 'lo' },
  { type: 'refusal', text: 'but no' },
  { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { type: 'tool-call', id: 'call_2', name: 'now', arguments: '', signature: 'CiQB' },
];

describe('encodeOutputItems', () => {
  it('reasoning, one message with merged text and a refusal, function calls; ids by position', () => {
    const items = encodeOutputItems(answer, options(), false);
    expect(items).toEqual([
      {
        id: 'rs_req1_0',
        type: 'reasoning',
        encrypted_content: expect.any(String),
        summary: [{ type: 'summary_text', text: 'think' }],
      },
      {
        id: 'msg_req1_1',
        type: 'message',
        status: 'completed',
        content: [
          { type: 'output_text', annotations: [], logprobs: [], text: 'Hello' },
          { type: 'refusal', refusal: 'but no' },
        ],
        role: 'assistant',
      },
      {
        id: 'fc_req1_2',
        type: 'function_call',
        status: 'completed',
        arguments: '{"city":"Paris"}',
        call_id: 'call_1',
        name: 'get_weather',
      },
      {
        id: 'fc_req1_3',
        type: 'function_call',
        status: 'completed',
        arguments: '{}',
        call_id: 'call_2__sig__CiQB',
        name: 'now',
      },
    ]);
    expect(openReasoning(items[0]?.encrypted_content as string)).toEqual({
      type: 'reasoning',
      text: 'think',
      signature: 'sig',
      signatureProvider: 'anthropic',
    });
  });

  it('hides summaries and encrypted content unless asked', () => {
    expect(
      encodeOutputItems(
        answer.slice(0, 1),
        options({ revealEncryptedReasoning: false, showReasoningSummary: false }),
        false,
      ),
    ).toEqual([{ id: 'rs_req1_0', type: 'reasoning', summary: [] }]);
  });

  it('marks the last item incomplete when the answer was cut short', () => {
    const items = encodeOutputItems([{ type: 'text', text: 'cut' }], options(), true);
    expect(items[0]?.status).toBe('incomplete');
  });

  it('skips empty parts', () => {
    expect(
      segmentContent([
        { type: 'reasoning', text: '' },
        { type: 'text', text: '' },
      ]),
    ).toEqual([]);
  });
});
