import { describe, expect, it } from 'vitest';
import { answerProblem } from './answer-check.js';

const sse = (events: Array<[string, object]>) =>
  events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');

const goodMessagesStream = sse([
  ['message_start', { type: 'message_start', message: { id: 'msg_1' } }],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }],
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' } }],
  ['message_stop', { type: 'message_stop' }],
]);

describe('answerProblem', () => {
  it('accepts a complete Chat Completions answer and stream', () => {
    expect(answerProblem('nonstream', JSON.stringify({ choices: [{ message: { content: 'Hi' } }] }))).toBeUndefined();
    expect(answerProblem('stream', 'data: {"choices":[]}\n\ndata: [DONE]\n\n')).toBeUndefined();
  });

  it('rejects a Chat Completions stream cut before [DONE] or carrying an error', () => {
    expect(answerProblem('stream', 'data: {"choices":[]}\n\n')).toMatch(/without \[DONE\]/);
    expect(answerProblem('translated', 'data: {"error":{"message":"x"}}\n\ndata: [DONE]\n\n')).toMatch(/error/);
  });

  it('accepts a complete Messages answer and stream', () => {
    const message = { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hi' }] };
    expect(answerProblem('messages', JSON.stringify(message))).toBeUndefined();
    expect(answerProblem('messages-openai', JSON.stringify(message))).toBeUndefined();
    expect(answerProblem('messages-stream', goodMessagesStream)).toBeUndefined();
    expect(answerProblem('messages-openai-stream', goodMessagesStream)).toBeUndefined();
  });

  it('rejects a Messages stream with an error event, without message_stop or without text', () => {
    const withError = `${goodMessagesStream}event: error\ndata: {"type":"error","error":{"type":"api_error"}}\n\n`;
    expect(answerProblem('messages-stream', withError)).toMatch(/error event/);
    expect(answerProblem('messages-stream', goodMessagesStream.replace('event: message_stop', 'event: ping'))).toMatch(
      /message_stop/,
    );
    expect(answerProblem('messages-stream', goodMessagesStream.replace('text_delta', 'input_json_delta'))).toMatch(
      /without text/,
    );
  });

  it('rejects a Messages answer that is an error envelope, an OpenAI answer or empty', () => {
    const error = { type: 'error', error: { type: 'api_error', message: 'x' } };
    expect(answerProblem('messages', JSON.stringify(error))).toMatch(/not a Messages answer/);
    expect(answerProblem('messages', JSON.stringify({ choices: [{ message: { content: 'Hi' } }] }))).toMatch(
      /not a Messages answer/,
    );
    expect(answerProblem('messages', JSON.stringify({ type: 'message', content: [] }))).toMatch(/no text block/);
    expect(answerProblem('messages', 'null')).toMatch(/not a Messages answer/);
    expect(answerProblem('messages', '<html>')).toMatch(/not JSON/);
  });

  it('rejects a Chat Completions answer without content', () => {
    expect(answerProblem('nonstream', JSON.stringify({ choices: [] }))).toMatch(/no answer/);
  });
});

describe('answerProblem for the embeddings and image rows', () => {
  it('wants 16 vectors, and one base64 image', () => {
    const vectors = Array.from({ length: 16 }, (_, index) => ({ index, embedding: [0.1, 0.2] }));
    expect(answerProblem('embeddings', JSON.stringify({ data: vectors }))).toBeUndefined();
    expect(answerProblem('embeddings', JSON.stringify({ data: vectors.slice(1) }))).toMatch(/not 16/);
    const empty = vectors.map((item) => ({ ...item, embedding: [] }));
    expect(answerProblem('embeddings', JSON.stringify({ data: empty }))).toMatch(/without a vector/);
    expect(answerProblem('images', JSON.stringify({ data: [{ b64_json: 'iVBORw0KGgo=' }] }))).toBeUndefined();
    expect(answerProblem('images', JSON.stringify({ data: [{ url: 'https://x' }] }))).toMatch(/no b64_json/);
    expect(answerProblem('images', JSON.stringify({ error: { message: 'x' } }))).toMatch(/no b64_json/);
  });
});
