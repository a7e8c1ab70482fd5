import { describe, expect, it } from 'vitest';
import { answerProblems, type FuzzAnswer } from './answer-checks.js';

function answer(path: string, status: number, body: string, contentType = 'application/json'): FuzzAnswer {
  return { method: 'POST', path, status, headers: { 'x-request-id': 'r1', 'content-type': contentType }, body };
}

const anthropicError = JSON.stringify({
  type: 'error',
  error: { type: 'invalid_request_error', message: 'messages: Field required' },
  request_id: 'r1',
});
const openAiError = JSON.stringify({
  error: { message: 'Bad.', type: 'invalid_request_error', param: null, code: null },
});
const googleError = JSON.stringify({ error: { code: 400, message: 'Bad.', status: 'INVALID_ARGUMENT' } });

const message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude',
  content: [{ type: 'text', text: 'hi' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 3, output_tokens: 1 },
};
const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;

describe('each surface’s 4xx in its own envelope', () => {
  it('Anthropic’s on /v1/messages, OpenAI’s refused there', () => {
    expect(answerProblems(answer('/v1/messages', 400, anthropicError))).toEqual([]);
    expect(answerProblems(answer('/v1/messages/count_tokens', 401, anthropicError))).toEqual([]);
    expect(answerProblems(answer('/v1/messages', 400, openAiError)).join()).toMatch(/not \{"type":"error"/);
    const unknownType = anthropicError.replace('invalid_request_error', 'bad_request');
    expect(answerProblems(answer('/v1/messages', 400, unknownType)).join()).toMatch(/not Anthropic's/);
  });

  it('Google’s on /v1beta, with its code equal to the status', () => {
    const path = '/v1beta/models/gemini-2.5-flash:generateContent';
    expect(answerProblems(answer(path, 400, googleError))).toEqual([]);
    expect(answerProblems(answer(path, 404, googleError)).join()).toMatch(/not the HTTP status 404/);
    expect(answerProblems(answer(path, 400, openAiError)).join()).toMatch(/google.rpc.Code/);
  });
});

describe('each surface’s 2xx in its own shape', () => {
  it('an Anthropic message, and a stream from message_start to message_stop', () => {
    expect(answerProblems(answer('/v1/messages', 200, JSON.stringify(message)))).toEqual([]);
    expect(answerProblems(answer('/v1/messages', 200, JSON.stringify({ ...message, usage: {} }))).join()).toMatch(
      /usage/,
    );
    const stream = [
      event('message_start', { message: { ...message, content: [] } }),
      event('ping', {}),
      event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } }),
      event('message_stop', {}),
    ].join('');
    expect(answerProblems(answer('/v1/messages', 200, stream, 'text/event-stream'))).toEqual([]);
    const cut = stream.slice(0, stream.lastIndexOf('event: message_stop'));
    expect(answerProblems(answer('/v1/messages', 200, cut, 'text/event-stream')).join()).toMatch(/ends with/);
  });

  it('a Responses stream numbers its events 0, 1, 2… and ends on a terminal event', () => {
    const response = { id: 'resp_1', object: 'response', created_at: 1, status: 'completed', output: [], model: 'm' };
    const frames = (numbers: number[]) =>
      [
        `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: numbers[0], response })}\n\n`,
        `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', sequence_number: numbers[1], response })}\n\n`,
      ].join('');
    expect(answerProblems(answer('/v1/responses', 200, frames([0, 1]), 'text/event-stream'))).toEqual([]);
    expect(answerProblems(answer('/v1/responses', 200, frames([0, 2]), 'text/event-stream')).join()).toMatch(
      /sequence_number 2/,
    );
  });

  it('Gemini: a JSON-array stream must parse whole, countTokens must count', () => {
    const chunk = { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] } }], usageMetadata: {} };
    const path = '/v1beta/models/g:streamGenerateContent';
    expect(answerProblems(answer(path, 200, `[${JSON.stringify(chunk)}\n]`))).toEqual([]);
    expect(answerProblems(answer(path, 200, `[${JSON.stringify(chunk)}\n,`)).join()).toMatch(/does not parse/);
    expect(answerProblems(answer('/v1beta/models/g:countTokens', 200, '{"totalTokens":3}'))).toEqual([]);
    expect(answerProblems(answer('/v1beta/models/g:countTokens', 200, '{}')).join()).toMatch(/totalTokens/);
  });
});
