import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeMjError } from './decode-error.js';
import { decodeMjSubmitAnswer, decodeMjTask, decodeMjTaskList, progressPercent } from './decode-upstream.js';
import { encodeMjSubmit, encodeMjTaskLookup } from './encode-upstream.js';

describe('decodeMjSubmitAnswer', () => {
  it('reads a submission and a refusal', () => {
    expect(
      decodeMjSubmitAnswer({ code: 1, description: '提交成功', result: 1320098173412546, properties: {} }),
    ).toEqual({ code: 1, description: '提交成功', upstreamId: '1320098173412546', properties: {} });
    expect(decodeMjSubmitAnswer({ code: 24, description: '可能包含敏感词', result: null })).toEqual({
      code: 24,
      description: '可能包含敏感词',
      properties: {},
    });
  });

  it('calls anything else malformed', () => {
    expect(() => decodeMjSubmitAnswer({ status: 'ok' })).toThrow(GatewayError);
    expect(() => decodeMjSubmitAnswer('<html>')).toThrow(/not a submission answer/);
  });
});

describe('decodeMjTask', () => {
  it('reads a finished task with its buttons, defaulting what a proxy leaves out', () => {
    const task = decodeMjTask({
      id: '1712000000001',
      action: 'IMAGINE',
      status: 'SUCCESS',
      prompt: 'a fox',
      progress: '100%',
      imageUrl: 'https://cdn.discordapp.com/a.png',
      buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: null, type: 2, style: 2 }, { label: 'x' }],
      submitTime: 1,
      extra: 'kept out',
    });
    expect(task).toMatchObject({
      id: '1712000000001',
      status: 'SUCCESS',
      promptEn: '',
      failReason: '',
      startTime: null,
      buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '', type: 2, style: 2 }],
      properties: {},
    });
  });

  it('reads an unknown status as in progress, and a list skipping odd entries', () => {
    expect(decodeMjTask({ id: 1, status: 'QUEUED_SOMEWHERE' }).status).toBe('IN_PROGRESS');
    expect(decodeMjTaskList([{ id: 'a', status: 'FAILURE' }, 42]).map((task) => task.id)).toEqual(['a']);
    expect(() => decodeMjTaskList({})).toThrow(GatewayError);
  });

  it.each([
    ['42%', 42],
    ['100%', 100],
    ['7.5%', 7],
    ['', 0],
    ['soon', 0],
  ])('progress %j is %d', (text, percent) => {
    expect(progressPercent(text)).toBe(percent);
  });
});

describe('upstream requests and errors', () => {
  const target = { baseUrl: 'https://mj.example.com/', apiKey: 'secret', headers: { 'x-extra': '1' } };

  it('posts to {base}/mj/... with the key in mj-api-secret', () => {
    expect(encodeMjSubmit(target, 'imagine', { prompt: 'x' })).toEqual({
      method: 'POST',
      url: 'https://mj.example.com/mj/submit/imagine',
      headers: { 'x-extra': '1', 'content-type': 'application/json', 'mj-api-secret': 'secret' },
      body: '{"prompt":"x"}',
    });
    expect(encodeMjTaskLookup(target, ['1', '2']).url).toBe('https://mj.example.com/mj/task/list-by-condition');
  });

  it('maps a proxy error by its status, with its description', () => {
    const error = decodeMjError(503, { 'retry-after': '3' }, '{"code":9,"description":"discord down"}');
    expect(error).toMatchObject({ kind: 'overloaded', upstreamStatus: 503, retryAfterMs: 3000 });
    expect(error.message).toContain('discord down');
    expect(decodeMjError(401, {}, 'Unauthorized').kind).toBe('authentication');
  });
});
