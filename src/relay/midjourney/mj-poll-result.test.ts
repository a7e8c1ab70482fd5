import { describe, expect, it } from 'vitest';
import type { MjTask } from '../../providers/midjourney/mj-wire.js';
import type { MjJobRequest } from './mj-job.js';
import { mjPollResult } from './mj-poll-result.js';

const imagine: MjJobRequest = {
  route: 'imagine',
  action: 'imagine',
  prompt: 'a fox',
  state: '',
  unitKey: 'mj:imagine',
  caller: { group: 'default', metered: true },
  submitCode: 1,
  submitDescription: '提交成功',
};

function task(fields: Partial<MjTask>): MjTask {
  return {
    id: '17',
    action: 'IMAGINE',
    status: 'NOT_START',
    prompt: 'a fox',
    promptEn: 'a fox',
    description: '',
    state: '',
    submitTime: 1,
    startTime: null,
    finishTime: null,
    imageUrl: '',
    progress: '0%',
    failReason: '',
    buttons: [],
    properties: {},
    ...fields,
  };
}

describe('mjPollResult', () => {
  it('keeps a queued or running task pending, with its progress', () => {
    expect(mjPollResult(imagine, task({ status: 'SUBMITTED' }))).toEqual({
      state: 'pending',
      status: 'queued',
      progress: 0,
    });
    expect(mjPollResult(imagine, task({ status: 'IN_PROGRESS', progress: '42%' }))).toEqual({
      state: 'pending',
      status: 'in_progress',
      progress: 42,
    });
  });

  it('completes a success with its action as the billed unit, and the task as the result', () => {
    const done = task({ status: 'SUCCESS', progress: '100%', imageUrl: 'https://cdn/x.png' });
    expect(mjPollResult(imagine, done)).toEqual({ state: 'completed', result: done, units: { 'mj:imagine': 1 } });
  });

  it('fails a failure, a cancellation and a task the proxy lost, billing nothing', () => {
    expect(mjPollResult(imagine, task({ status: 'FAILURE', failReason: 'banned image' }))).toEqual({
      state: 'failed',
      error: { code: 'mj_failure', message: 'banned image' },
    });
    expect(mjPollResult(imagine, task({ status: 'CANCEL' }))).toMatchObject({ error: { code: 'mj_cancelled' } });
    expect(mjPollResult(imagine, undefined)).toMatchObject({ state: 'failed', error: { code: 'mj_task_lost' } });
  });

  it('ends a modal opener at once without billing it', () => {
    const opener: MjJobRequest = { ...imagine, route: 'action', action: 'custom_zoom', submitCode: 21 };
    delete opener.unitKey;
    const modal = task({ status: 'MODAL' });
    expect(mjPollResult(opener, modal)).toEqual({ state: 'completed', result: modal, units: {} });
  });
});
