import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { MediaJob } from '../../jobs/job-types.js';
import type { MjTask } from '../../providers/midjourney/mj-wire.js';
import type { MjJobRequest } from '../../relay/midjourney/mj-job.js';
import { encodeMjError, MjRefusal } from './encode-error.js';
import { encodeMjTask } from './encode-task.js';

const request: MjJobRequest = {
  route: 'imagine',
  action: 'imagine',
  prompt: 'a fox',
  state: 'mine',
  caller: { group: 'default', metered: true },
  unitKey: 'mj:imagine',
  submitCode: 1,
  submitDescription: '提交成功',
};

const seen: MjTask = {
  id: '1712000000001',
  action: 'IMAGINE',
  status: 'SUCCESS',
  prompt: 'a fox',
  promptEn: 'a fox',
  description: '/imagine a fox',
  state: 'mine',
  submitTime: 1,
  startTime: 2,
  finishTime: 3,
  imageUrl: 'https://cdn.discordapp.com/attachments/1/2/fox.png',
  progress: '100%',
  failReason: '',
  buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '' }],
  properties: { finalPrompt: 'a fox --v 6', discordInstanceId: '1118', notifyHook: 'http://x' },
};

function job(fields: Partial<MediaJob>): MediaJob {
  return {
    id: 'mj_A',
    kind: 'midjourney',
    userId: 'u',
    keyId: 'k',
    requestId: 'req',
    channelId: 'c',
    vendor: 'midjourney',
    model: 'midjourney',
    upstreamModel: 'midjourney',
    upstreamId: '1712000000001',
    status: 'queued',
    progress: 0,
    request,
    result: null,
    error: null,
    units: null,
    cost: 0,
    createdAt: 1000,
    updatedAt: 1000,
    finishedAt: null,
    nextPollAt: 0,
    pollFailures: 0,
    leaseOwner: null,
    leaseUntil: 0,
    deadlineAt: 0,
    ...fields,
  };
}

describe('encodeMjTask', () => {
  it('shows a finished task under AIHub id with its buttons, keeping only the prompt properties', () => {
    const task = encodeMjTask(job({ status: 'completed', result: seen, finishedAt: 5 }));
    expect(task).toEqual({
      ...seen,
      id: 'mj_A',
      submitTime: 1000,
      properties: { finalPrompt: 'a fox --v 6' },
    });
  });

  it('shows a task not yet seen as submitted, from its request', () => {
    expect(encodeMjTask(job({}))).toMatchObject({
      id: 'mj_A',
      action: 'IMAGINE',
      status: 'SUBMITTED',
      prompt: 'a fox',
      state: 'mine',
      progress: '0%',
      imageUrl: '',
      buttons: [],
      description: '提交成功',
    });
    expect(encodeMjTask(job({ status: 'in_progress', progress: 42 }))).toMatchObject({
      status: 'IN_PROGRESS',
      progress: '42%',
    });
  });

  it('fails a job whose deadline passed whatever the proxy said last, without buttons or image', () => {
    const failed = job({ status: 'failed', result: seen, error: { code: 'timeout', message: 'too slow' } });
    expect(encodeMjTask(failed)).toMatchObject({
      status: 'FAILURE',
      failReason: 'too slow',
      imageUrl: '',
      buttons: [],
    });
  });

  it('shows a Custom Zoom press as waiting for its modal', () => {
    const opener = job({ request: { ...request, route: 'action', action: 'custom_zoom', submitCode: 21 } });
    expect(encodeMjTask(opener).status).toBe('MODAL');
    expect(encodeMjTask({ ...opener, status: 'completed', result: { ...seen, status: 'MODAL' } }).status).toBe('MODAL');
  });

  it("rewrites the image to AIHub's link when asked, only when there is one", () => {
    const link = () => 'https://ai.example.com/mj/image/mj_A?expires=1&signature=s';
    expect(encodeMjTask(job({ status: 'completed', result: seen }), link).imageUrl).toBe(link());
    expect(encodeMjTask(job({}), link).imageUrl).toBe('');
  });
});

describe('encodeMjError', () => {
  it("relays the proxy's refusal code, with a status that says whose fault it is", () => {
    expect(encodeMjError(new MjRefusal(24, '可能包含敏感词'))).toEqual({
      status: 400,
      body: { code: 24, description: '可能包含敏感词', result: null, properties: {} },
    });
    expect(encodeMjError(new MjRefusal(23, 'queue full')).status).toBe(429);
    expect(encodeMjError(new MjRefusal(9, 'discord down')).status).toBe(502);
  });

  it("answers AIHub's own errors with the proxy's codes: 3 not found, 4 refused, 9 failed", () => {
    const notFound = new GatewayError({ kind: 'not_found', message: 'Task not found.' });
    expect(encodeMjError(notFound)).toMatchObject({ status: 404, body: { code: 3 } });
    const poor = new GatewayError({ kind: 'insufficient_quota', status: 402, message: 'balance' });
    expect(encodeMjError(poor)).toMatchObject({ status: 402, body: { code: 4 } });
    expect(encodeMjError(new GatewayError({ kind: 'upstream_error', message: 'x' }))).toMatchObject({
      status: 502,
      body: { code: 9 },
    });
  });
});
