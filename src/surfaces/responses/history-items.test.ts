import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { requestInputItems, responseItemsForHistory } from './history-items.js';

const meta: ResponseMeta = {
  requestId: 'r1',
  created: 1,
  model: 'claude-x',
  provider: 'anthropic',
  vendor: 'anthropic',
};

describe('history items', () => {
  it('a request’s input as items', () => {
    expect(requestInputItems('hi')).toEqual([{ role: 'user', content: 'hi' }]);
    expect(requestInputItems([{ role: 'user', content: 'a' }, null, 5])).toEqual([{ role: 'user', content: 'a' }]);
    expect(requestInputItems(undefined)).toEqual([]);
  });

  it('a stored response becomes input items that decode back into the same turn, signatures included', () => {
    const first = decodeResponsesRequest({ model: 'claude-x', input: 'weather in Paris?', instructions: 'be brief' });
    const answer: ChatResult = {
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'need the tool', signature: 'sig-a' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
          ],
          finishReason: { unified: 'tool-calls' },
        },
      ],
    };
    const stored = encodeResponse(answer, first, meta, true);
    const history = responseItemsForHistory(requestInputItems('weather in Paris?'), stored.output as unknown[]);
    expect(history.every((item) => !('status' in item))).toBe(true);

    const next = decodeResponsesRequest(
      {
        model: 'claude-x',
        previous_response_id: stored.id,
        input: [{ type: 'function_call_output', call_id: 'toolu_1', output: '18°C' }],
      },
      { history },
    );
    expect(next.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'need the tool', signature: 'sig-a', signatureProvider: 'anthropic' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', toolName: 'weather', content: [{ type: 'text', text: '18°C' }] },
    ]);
  });
});
