import { describe, expect, it } from 'vitest';
import { wrkScript } from './load.js';
import { keyHeaderFor, loadFor, type Upstreams } from './scenarios.js';

const up: Upstreams = { openai: 'http://up:1/v1', anthropic: 'http://up:2', gemini: 'http://up:3' };
const aihub = { kind: 'aihub' as const, origin: 'http://gw:9', keys: ['sk-a', 'sk-b'] };

describe('the Messages scenarios', () => {
  it('send AIHub an Anthropic SDK-shaped request keyed by x-api-key', () => {
    const load = loadFor(aihub, 'messages-stream', up);
    expect(load?.url).toBe('http://gw:9/v1/messages');
    expect(load?.headers['anthropic-version']).toBe('2023-06-01');
    expect(load?.keyHeader).toBe('x-api-key');
    const body = JSON.parse(load?.bodies[0] ?? '');
    expect(body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 256, stream: true });
    expect(typeof body.system).toBe('string');
    expect(body.messages).toEqual([{ role: 'user', content: expect.any(String) }]);
  });

  it('name a GPT model for the translated rows and leave stream out of the JSON ones', () => {
    const body = JSON.parse(loadFor(aihub, 'messages-openai', up)?.bodies[0] ?? '');
    expect(body.model).toBe('gpt-4o-mini');
    expect(body).not.toHaveProperty('stream');
  });

  it('go direct to the emulator that serves them, in its own format', () => {
    const direct = { kind: 'direct' as const };
    const pass = loadFor(direct, 'messages', up);
    expect(pass?.url).toBe('http://up:2/v1/messages');
    expect(pass?.headers['x-api-key']).toBe('test-key');
    expect(pass?.bodies).toEqual(loadFor(aihub, 'messages', up)?.bodies);
    const translated = loadFor(direct, 'messages-openai-stream', up);
    expect(translated?.url).toBe('http://up:1/v1/chat/completions');
    expect(JSON.parse(translated?.bodies[0] ?? '')).toMatchObject({ model: 'gpt-4o-mini', stream: true });
  });

  it('are n/a on the floor, which only proxies Chat Completions', () => {
    expect(loadFor({ kind: 'floor', origin: 'http://f:1' }, 'messages', up)).toBeUndefined();
    expect(loadFor({ kind: 'floor', origin: 'http://f:1' }, 'nonstream', up)?.url).toBe(
      'http://f:1/v1/chat/completions',
    );
  });

  it('keep Chat Completions rows on Authorization: Bearer', () => {
    const load = loadFor(aihub, 'nonstream', up);
    expect(load?.keyHeader).toBeUndefined();
    expect(keyHeaderFor(load ?? {}, 'sk-a')).toEqual(['authorization', 'Bearer sk-a']);
  });
});

describe('the embeddings and image-generation rows', () => {
  it('send AIHub OpenAI-shaped bodies on their own paths: a batch of 16 inputs, one small b64 image', () => {
    const embeddings = loadFor(aihub, 'embeddings', up);
    expect(embeddings?.url).toBe('http://gw:9/v1/embeddings');
    const body = JSON.parse(embeddings?.bodies[0] ?? '');
    expect(body.model).toBe('text-embedding-3-small');
    expect(body.input).toHaveLength(16);
    expect(new Set(body.input).size).toBe(16);
    const images = loadFor(aihub, 'images', up);
    expect(images?.url).toBe('http://gw:9/v1/images/generations');
    expect(JSON.parse(images?.bodies[0] ?? '')).toEqual({
      model: 'dall-e-2',
      prompt: expect.any(String),
      n: 1,
      size: '256x256',
      response_format: 'b64_json',
    });
  });

  it('go direct to the OpenAI emulator with the same body, and through the floor', () => {
    const direct = { kind: 'direct' as const };
    expect(loadFor(direct, 'embeddings', up)?.url).toBe('http://up:1/v1/embeddings');
    expect(loadFor(direct, 'images', up)?.url).toBe('http://up:1/v1/images/generations');
    expect(loadFor(direct, 'images', up)?.bodies).toEqual(loadFor(aihub, 'images', up)?.bodies);
    expect(loadFor({ kind: 'floor', origin: 'http://f:1' }, 'embeddings', up)?.url).toBe('http://f:1/v1/embeddings');
  });
});

describe('the wrk script', () => {
  it('rotates the keys in the header their client uses', () => {
    const messages = wrkScript(loadFor(aihub, 'messages', up)!);
    expect(messages).toContain('wrk.headers[ [==[x-api-key]==] ] = keys[');
    expect(messages).toContain('local keys = { [==[sk-a]==], [==[sk-b]==] }');
    const chat = wrkScript(loadFor(aihub, 'stream', up)!);
    expect(chat).toContain('wrk.headers[ [==[authorization]==] ] = keys[');
    expect(chat).toContain('[==[Bearer sk-a]==]');
  });
});
