import { describe, expect, it } from 'vitest';
import { DeliveryMeter } from './delivery-meter.js';

describe('DeliveryMeter', () => {
  it('keeps what reached the client, the last usage and the first choice finish reason', () => {
    const meter = new DeliveryMeter();
    expect(meter.delivered).toBe(false);
    meter.observe({ type: 'response-metadata', model: 'served' });
    meter.observe({ type: 'reasoning-delta', delta: 'think ' });
    meter.observe({ type: 'text-delta', delta: 'hello' });
    meter.observe({ type: 'tool-call-start', index: 0, id: 'c', name: 'f' });
    meter.observe({ type: 'tool-call-delta', index: 0, argumentsDelta: '{}' });
    meter.observe({ type: 'usage', usage: { inputTokens: { total: 1 }, outputTokens: {} } });
    meter.observe({ type: 'usage', usage: { inputTokens: { total: 2 }, outputTokens: { total: 3 } } });
    meter.observe({ type: 'finish', choice: 1, finishReason: { unified: 'length' } });
    meter.observe({ type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } });
    expect(meter.delivered).toBe(true);
    expect(meter.text).toEqual({ kept: 'think hellof{}', extraChars: 0 });
    expect(meter.usage?.inputTokens.total).toBe(2);
    expect(meter.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(meter.servedModel).toBe('served');
  });

  it('bounds the text it keeps and counts the rest', () => {
    const meter = new DeliveryMeter();
    const chunk = 'x'.repeat(100_000);
    for (let i = 0; i < 4; i++) meter.observe({ type: 'text-delta', delta: chunk });
    expect(meter.text.kept.length).toBe(256 * 1024);
    expect(meter.text.kept.length + meter.text.extraChars).toBe(400_000);
  });

  it('keeps token-sized deltas in order, read at any point, and bounds them the same way', () => {
    const meter = new DeliveryMeter();
    const deltas = Array.from({ length: 1_000 }, (_, i) => ` t${i}`);
    for (const delta of deltas.slice(0, 500)) meter.observe({ type: 'text-delta', delta });
    expect(meter.text.kept).toBe(deltas.slice(0, 500).join('')); // read between two joins
    for (const delta of deltas.slice(500)) meter.observe({ type: 'text-delta', delta });
    expect(meter.text).toEqual({ kept: deltas.join(''), extraChars: 0 });

    const capped = new DeliveryMeter();
    const delta = 'y'.repeat(1_000);
    for (let i = 0; i < 300; i++) capped.observe({ type: 'text-delta', delta }); // 300,000 chars
    expect(capped.text.kept).toBe('y'.repeat(256 * 1024));
    expect(capped.text.extraChars).toBe(300_000 - 256 * 1024);
  });

  it('counts a generated image as delivered without keeping its base64 as text', () => {
    const big = 'A'.repeat(2_000_000);
    const streamed = new DeliveryMeter();
    streamed.observe({ type: 'generated-image', mediaType: 'image/png', data: big });
    expect(streamed.delivered).toBe(true);
    expect(streamed.text).toEqual({ kept: '', extraChars: 0 });

    const whole = new DeliveryMeter();
    whole.observeResult({
      choices: [
        {
          index: 0,
          content: [
            { type: 'text', text: 'here' },
            { type: 'generated-image', mediaType: 'image/png', data: big },
          ],
          finishReason: { unified: 'stop' },
        },
      ],
    });
    expect(whole.delivered).toBe(true);
    expect(whole.text).toEqual({ kept: 'here', extraChars: 0 });
  });
});
