import { describe, expect, it } from 'vitest';
import { AnswerCapture, isCompleteJson, isCompleteStream } from './answer-capture.js';

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};

const frame = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: string | null = null, index = 0) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  choices: [{ index, delta, finish_reason: finish }],
});
const goodStream = [
  frame(chunk({ role: 'assistant', content: '' })),
  frame(chunk({ content: 'Hi' })),
  frame(chunk({}, 'stop')),
  frame({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [], usage: { total_tokens: 4 } }),
  frame('[DONE]'),
];

describe('completeness', () => {
  it('JSON: finished choices, no error', () => {
    expect(isCompleteJson(JSON.stringify(completion))).toBe(true);
    expect(isCompleteJson(JSON.stringify({ ...completion, choices: [] }))).toBe(false);
    expect(
      isCompleteJson(JSON.stringify({ ...completion, choices: [{ ...completion.choices[0], finish_reason: null }] })),
    ).toBe(false);
    expect(isCompleteJson(JSON.stringify({ error: { message: 'x' } }))).toBe(false);
    expect(isCompleteJson('{oops')).toBe(false);
  });

  it('stream: [DONE] last, every choice finished, no error chunk', () => {
    expect(isCompleteStream(goodStream.join(''))).toBe(true);
    expect(isCompleteStream(goodStream.slice(0, -1).join(''))).toBe(false); // no [DONE]
    expect(isCompleteStream([goodStream[0], goodStream[1], frame('[DONE]')].join(''))).toBe(false); // unfinished
    const broken = [goodStream[0], goodStream[1], frame({ error: { message: 'upstream reset' } }), frame('[DONE]')];
    expect(isCompleteStream(broken.join(''))).toBe(false);
    // Two choices: both must finish.
    const two = [
      frame(chunk({ content: 'a' })),
      frame(chunk({ content: 'b' }, null, 1)),
      frame(chunk({}, 'stop')),
      frame('[DONE]'),
    ];
    expect(isCompleteStream(two.join(''))).toBe(false);
    expect(isCompleteStream([...two.slice(0, -1), frame(chunk({}, 'length', 1)), frame('[DONE]')].join(''))).toBe(true);
    expect(isCompleteStream(frame('[DONE]'))).toBe(false);
  });
});

describe('AnswerCapture', () => {
  it('keeps a complete JSON answer with its served-by headers only', () => {
    const capture = new AnswerCapture('json', 10_000);
    capture.json(200, { 'x-aihub-model': 'gpt-4o', 'x-aihub-provider': 'openai', 'x-request-id': 'r1' }, completion);
    expect(capture.result()).toEqual({
      mode: 'json',
      body: JSON.stringify(completion),
      headers: { 'x-aihub-model': 'gpt-4o', 'x-aihub-provider': 'openai' },
    });
  });

  it('keeps a stream only once it ended completely, written in any pieces', () => {
    const capture = new AnswerCapture('stream', 10_000);
    capture.streamStarted({ 'x-aihub-model': 'gpt-4o' });
    const text = goodStream.join('');
    capture.write(text.slice(0, 17));
    capture.write(text.slice(17));
    expect(capture.result()).toBeUndefined(); // not ended yet
    capture.end();
    expect(capture.result()?.body).toBe(text);
  });

  it('drops errors, wrong modes and answers over the size limit', () => {
    const failed = new AnswerCapture('json', 10_000);
    failed.json(500, {}, { error: { message: 'x' } });
    expect(failed.result()).toBeUndefined();
    const wrongMode = new AnswerCapture('stream', 10_000);
    wrongMode.json(200, {}, completion);
    expect(wrongMode.result()).toBeUndefined();
    const big = new AnswerCapture('stream', 100);
    big.streamStarted({});
    for (const piece of goodStream) big.write(piece);
    big.end();
    expect(big.result()).toBeUndefined();
    const cut = new AnswerCapture('stream', 10_000);
    cut.streamStarted({});
    cut.write(goodStream[0] as string);
    cut.end(); // the client went away, or the upstream broke
    expect(cut.result()).toBeUndefined();
  });
});
