import { describe, expect, it } from 'vitest';
import type { ChatResult, StreamPart } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { customToolInput, localShellAction, localShellArguments } from './client-run-tools.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';

const META: ResponseMeta = {
  requestId: 'req1',
  created: 1,
  model: 'claude-sonnet-4-5',
  provider: 'anthropic',
  vendor: 'anthropic',
};

const request = decodeResponsesRequest({
  model: 'claude-sonnet-4-5',
  input: 'fix it',
  tools: [
    { type: 'custom', name: 'apply_patch', description: 'Edit files.' },
    { type: 'local_shell' },
    { type: 'function', name: 'update_plan', parameters: { type: 'object' } },
  ],
});

const PATCH = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch';
const CALLS = [
  { id: 'call_p', name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
  {
    id: 'call_s',
    name: 'local_shell',
    arguments: JSON.stringify({ command: ['ls', '-la'], workdir: '/src', timeout_ms: 5000 }),
  },
  { id: 'call_u', name: 'update_plan', arguments: '{"plan":[]}' },
];

const EXPECTED_ITEMS = [
  { id: 'ctc_req1_0', type: 'custom_tool_call', call_id: 'call_p', input: PATCH, name: 'apply_patch' },
  {
    id: 'lsh_req1_1',
    type: 'local_shell_call',
    status: 'completed',
    call_id: 'call_s',
    action: { type: 'exec', command: ['ls', '-la'], env: {}, timeout_ms: 5000, working_directory: '/src' },
  },
  {
    id: 'fc_req1_2',
    type: 'function_call',
    status: 'completed',
    arguments: '{"plan":[]}',
    call_id: 'call_u',
    name: 'update_plan',
  },
];

function streamEvents(parts: StreamPart[]): Array<Record<string, unknown>> {
  const encoder = new ResponsesStreamEncoder(request, META);
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => JSON.parse(frame.split('\n')[1]?.slice(6) ?? '{}'));
}

describe('tools the client runs itself', () => {
  it("answers a JSON response's calls as the item type each tool was declared with", () => {
    const result: ChatResult = {
      choices: [
        {
          index: 0,
          content: CALLS.map((call) => ({ type: 'tool-call' as const, ...call })),
          finishReason: { unified: 'tool-calls' },
        },
      ],
    };
    expect(encodeResponse(result, request, META).output).toEqual(EXPECTED_ITEMS);
  });

  it('streams the same items: a custom input whole at its end, a shell call as one item', () => {
    const parts: StreamPart[] = CALLS.flatMap((call, index) => [
      { type: 'tool-call-start' as const, index, id: call.id, name: call.name },
      { type: 'tool-call-delta' as const, index, argumentsDelta: call.arguments.slice(0, 7) },
      { type: 'tool-call-delta' as const, index, argumentsDelta: call.arguments.slice(7) },
      { type: 'tool-call-end' as const, index },
    ]);
    const events = streamEvents([...parts, { type: 'finish', finishReason: { unified: 'tool-calls' } }]);
    const types = events.map((event) => event.type);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[2]).toMatchObject({ item: { type: 'custom_tool_call', input: '', id: 'ctc_req1_0' } });
    expect(events[3]).toMatchObject({ item_id: 'ctc_req1_0', output_index: 0, delta: PATCH });
    expect(events[4]).toMatchObject({ item_id: 'ctc_req1_0', output_index: 0, input: PATCH });
    const done = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
    expect(done).toEqual(EXPECTED_ITEMS);
    expect((events.at(-1)?.response as { output: unknown } | undefined)?.output).toEqual(EXPECTED_ITEMS);
  });

  it('reads arguments leniently: a custom call without `input` keeps the raw text; a shell call keeps only its fields', () => {
    expect(customToolInput('{"input":"x"}')).toBe('x');
    expect(customToolInput('not json')).toBe('not json');
    expect(customToolInput('{"other":1}')).toBe('{"other":1}');
    expect(localShellAction('{"command":["a",1,"b"],"workdir":7}')).toEqual({
      type: 'exec',
      command: ['a', 'b'],
      env: {},
    });
    expect(localShellAction('[]')).toEqual({ type: 'exec', command: [], env: {} });
    expect(localShellArguments({ type: 'exec', command: ['ls'], working_directory: '/w', timeout_ms: 9 })).toBe(
      '{"command":["ls"],"workdir":"/w","timeout_ms":9}',
    );
    expect(localShellArguments(null)).toBe('{"command":[]}');
  });
});
