import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeResponsesRequest } from './decode-request.js';

function failure(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeResponsesRequest', () => {
  it('a string input with instructions', () => {
    const request = decodeResponsesRequest({ model: 'gpt-5', input: 'hi', instructions: 'be brief' });
    expect(request).toMatchObject({
      model: 'gpt-5',
      stream: false,
      includeUsage: false,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'be brief' }] },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
    });
  });

  it('the request Codex sends', () => {
    const request = decodeResponsesRequest({
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the bug' }] },
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'look' }], encrypted_content: 'gAAAA' },
        { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'call_1' },
        { type: 'function_call_output', call_id: 'call_1', output: 'src' },
      ],
      tools: [
        {
          type: 'function',
          name: 'shell',
          description: 'Runs a command',
          strict: false,
          parameters: { type: 'object' },
        },
        { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar', syntax: 'lark' } },
        { type: 'local_shell' },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'high', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: '0199-conversation',
      text: { verbosity: 'low' },
    });
    expect(request.stream).toBe(true);
    expect(request.includeUsage).toBe(true);
    expect(request.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    // The tools Codex runs itself are function tools for any model (client-run-tools.ts).
    expect(request.tools?.map((tool) => tool.name)).toEqual(['shell', 'apply_patch', 'local_shell']);
    expect(request.tools?.[0]).toEqual({
      name: 'shell',
      description: 'Runs a command',
      strict: false,
      parameters: { type: 'object' },
    });
    expect(request.serverTools).toBeUndefined();
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request.parallelToolCalls).toBe(false);
    expect(request.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    expect(request.promptCacheKey).toBe('0199-conversation');
    expect(request.extraBody).toEqual({ verbosity: 'low' });
    expect(request.surfaceEcho).toMatchObject({ store: false, include: ['reasoning.encrypted_content'] });
  });

  it('Codex’s own item shapes: empty reasoning ids, null content, developer turns, freeform and shell calls, client metadata', () => {
    const request = decodeResponsesRequest({
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>' }] },
        { type: 'reasoning', id: '', summary: [], content: null, encrypted_content: null },
        {
          type: 'message',
          role: 'assistant',
          id: null,
          content: [{ type: 'output_text', text: 'On it.' }],
          phase: 'commentary',
        },
        {
          type: 'custom_tool_call',
          id: 'ctc_1',
          status: 'completed',
          call_id: 'call_p',
          name: 'apply_patch',
          input: '*** Begin Patch',
        },
        { type: 'custom_tool_call_output', call_id: 'call_p', output: 'Success.' },
        {
          type: 'local_shell_call',
          id: 'lsh_1',
          call_id: 'call_s',
          status: 'completed',
          action: { type: 'exec', command: ['ls'] },
        },
        { type: 'function_call_output', call_id: 'call_s', output: [{ type: 'input_text', text: 'src' }] },
      ],
      tools: [
        {
          type: 'custom',
          name: 'apply_patch',
          description: 'patch',
          format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      reasoning: { effort: 'medium', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'thread-1',
      text: {
        verbosity: 'medium',
        format: { type: 'json_schema', strict: true, name: 'codex_output_schema', schema: { type: 'object' } },
      },
      client_metadata: { 'x-codex-installation-id': 'abc' },
    });
    expect(request.messages.map((message) => message.role)).toEqual([
      'system',
      'developer',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    // A shell call is the `local_shell` function's call, answered by the output naming its call id.
    expect(request.messages[5]?.content).toEqual([
      { type: 'tool-call', id: 'call_s', name: 'local_shell', arguments: '{"command":["ls"]}' },
    ]);
    expect(request.messages[6]).toMatchObject({ role: 'tool', toolCallId: 'call_s' });
    expect(request.messages[3]?.content).toEqual([
      { type: 'text', text: 'On it.' },
      { type: 'tool-call', id: 'call_p', name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' },
    ]);
    expect(request.responseFormat).toMatchObject({ type: 'json_schema', name: 'codex_output_schema', strict: true });
    expect(request.extraBody).toEqual({ verbosity: 'medium' });
  });

  it('sampling, limits, formats, identity', () => {
    const request = decodeResponsesRequest({
      model: 'm',
      input: 'x',
      max_output_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      top_logprobs: 3,
      safety_identifier: 'user-7',
      user: 'legacy',
      metadata: { a: 'b' },
      service_tier: 'flex',
      text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object' }, strict: true } },
    });
    expect(request).toMatchObject({
      maxOutputTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      logprobs: true,
      topLogprobs: 3,
      user: 'user-7',
      metadata: { a: 'b' },
      extraBody: { service_tier: 'flex' },
      responseFormat: { type: 'json_schema', name: 'city', schema: { type: 'object' }, strict: true },
    });
    expect(
      decodeResponsesRequest({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).responseFormat,
    ).toEqual({ type: 'json_object' });
    expect(decodeResponsesRequest({ model: 'm', input: 'x', reasoning: { effort: 'none' } }).reasoning).toEqual({
      disabled: true,
    });
    expect(decodeResponsesRequest({ model: 'm', input: 'x', reasoning: { summary: null } }).reasoning).toBeUndefined();
  });

  it('previous_response_id: refused unless the caller supplies the stored items, which come before the input', () => {
    const body = {
      model: 'm',
      previous_response_id: 'resp_1',
      instructions: 'new rules',
      input: [{ type: 'function_call_output', call_id: 'call_1', output: '42' }],
    };
    const error = failure(() => decodeResponsesRequest(body));
    expect(error).toMatchObject({ status: 400, param: 'previous_response_id', code: 'previous_response_not_found' });
    const request = decodeResponsesRequest(body, {
      history: [
        { role: 'user', content: 'compute' },
        { type: 'function_call', call_id: 'call_1', name: 'calc', arguments: '{}' },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'new rules' }] },
      { role: 'user', content: [{ type: 'text', text: 'compute' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'calc', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_1', toolName: 'calc', content: [{ type: 'text', text: '42' }] },
    ]);
  });

  it.each([
    [undefined, null],
    [null, null],
    [[], null],
    [42, null],
    ['{"model":"m"}', null],
    [{}, 'model'],
    [{ model: 5, input: 'x' }, 'model'],
    [{ model: 'm' }, 'input'],
    [{ model: 'm', input: [] }, 'input'],
    [{ model: 'm', input: 5 }, 'input'],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text' }] }] }, 'input[0].content[0].text'],
    [{ model: 'm', input: 'x', tools: {} }, 'tools'],
    [{ model: 'm', input: 'x', temperature: 'hot' }, 'temperature'],
    [{ model: 'm', input: 'x', max_output_tokens: -1 }, 'max_output_tokens'],
    [{ model: 'm', input: 'x', text: { format: { type: 'json_schema' } } }, 'text.format.name'],
    [{ model: 'm', input: 'x', reasoning: { effort: 'maximal' } }, 'reasoning.effort'],
    [{ model: 'm', input: 'x', metadata: { a: 1 } }, 'metadata.a'],
    [{ model: 'm', input: 'x', include: 'all' }, 'include'],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    const error = failure(() => decodeResponsesRequest(body));
    expect(error.status).toBe(400);
    expect(error.kind).toBe('invalid_request');
    expect(error.param).toBe(param);
  });

  it('survives deep nesting, huge strings and odd keys', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i += 1) deep = [deep];
    expect(() => decodeResponsesRequest({ model: 'm', input: deep })).toThrow(GatewayError);
    const huge = 'a'.repeat(5_000_000);
    expect(() => decodeResponsesRequest({ model: 'm', input: [{ type: huge }] })).toThrow(GatewayError);
    expect(failure(() => decodeResponsesRequest({ model: 'm', input: [{ type: huge }] })).message.length).toBeLessThan(
      500,
    );
    const odd = JSON.parse('{"model":"m","input":"x","__proto__":{"input":5},"constructor":{"prototype":1}}');
    expect(decodeResponsesRequest(odd).messages).toHaveLength(1);
  });
});
