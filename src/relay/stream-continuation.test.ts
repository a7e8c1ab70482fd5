import { describe, expect, it } from 'vitest';
import type { ChatRequest, StreamPart } from '../ir/index.js';
import { DeliveryMeter } from './delivery-meter.js';
import { ContinuationWatch, continuationRequest, continuedUsage, resumeAfter } from './stream-continuation.js';

const request: ChatRequest = {
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me.' }] }],
  stream: true,
  maxOutputTokens: 100,
} as ChatRequest;

/** The prefix a watch over `parts` allows, with the text a meter would have kept of them. */
function watched(parts: StreamPart[]) {
  const watch = new ContinuationWatch();
  const meter = new DeliveryMeter();
  for (const part of parts) {
    expect(watch.observe(part)).toBe(part);
    meter.observe(part);
  }
  return { prefix: watch.prefix(meter.text), reportedOutput: watch.reportedOutput };
}

describe('stream continuation', () => {
  it('continues text on the only choice, and nothing else', () => {
    const text: StreamPart[] = [
      { type: 'response-metadata', id: 'msg_1', model: 'm' },
      { type: 'text-delta', delta: 'Once upon ' },
      { type: 'text-delta', delta: 'a time ' },
      { type: 'usage', usage: { inputTokens: { total: 10 }, outputTokens: { total: 4 } } },
    ];
    const watch = watched(text);
    expect(watch.prefix).toBe('Once upon a time ');
    expect(watch.reportedOutput).toBe(4);
    for (const breaking of [
      { type: 'tool-call-start', index: 0, id: 'c', name: 'f' },
      { type: 'reasoning-delta', delta: 'hmm' },
      { type: 'refusal-delta', delta: 'no' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
      { type: 'text-delta', choice: 1, delta: 'second choice' },
    ] as StreamPart[]) {
      expect(watched([...text, breaking]).prefix, breaking.type).toBeUndefined();
    }
    expect(watched([{ type: 'text-delta', delta: '  ' }]).prefix).toBeUndefined();
    // A meter that kept only part of a very long answer cannot give the whole prefix.
    expect(new ContinuationWatch().prefix({ kept: 'Once upon', extraChars: 10 })).toBeUndefined();
  });

  it('asks for the rest: the prefix as a prefill without its trailing space, the output limit less what was delivered', () => {
    const continued = continuationRequest(request, 'Once upon a time ', 30);
    expect(continued.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Once upon a time' }],
    });
    expect(continued.messages).toHaveLength(2);
    expect(request.messages).toHaveLength(1);
    expect(continued.maxOutputTokens).toBe(70);
    expect(continuationRequest(request, 'x', 500).maxOutputTokens).toBe(1);
    const unlimited = { ...request };
    delete unlimited.maxOutputTokens;
    expect(continuationRequest(unlimited, 'x', 5).maxOutputTokens).toBeUndefined();
  });

  it('drops the white space the client already has from the continuation’s start', () => {
    expect(resumeAfter(' there', ' ')).toEqual({ delta: 'there', pendingSpace: '' });
    expect(resumeAfter(' ', '\n\n')).toEqual({ delta: '', pendingSpace: '\n' });
    expect(resumeAfter('\nnext', '\n')).toEqual({ delta: 'next', pendingSpace: '' });
    // The model went on without the space: nothing to drop, and no more dropping after.
    expect(resumeAfter('there', ' ')).toEqual({ delta: 'there', pendingSpace: '' });
    expect(resumeAfter('  two', ' ')).toEqual({ delta: ' two', pendingSpace: '' });
  });

  it('counts the prompt once and the output of both channels', () => {
    const usage = continuedUsage(
      {
        inputTokens: { total: 1_250, noCache: 1_250, cacheRead: 0 },
        outputTokens: { total: 40, text: 40 },
        raw: { vendor: true },
      },
      50,
      60,
    );
    expect(usage).toEqual({
      inputTokens: { total: 1_200, noCache: 1_200, cacheRead: 0 },
      outputTokens: { total: 100, text: 100 },
    });
    expect(continuedUsage({ inputTokens: { total: 10 }, outputTokens: {} }, 50, 5)).toEqual({
      inputTokens: { total: 0 },
      outputTokens: { total: 5 },
    });
  });
});
