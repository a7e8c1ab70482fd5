import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeMjSubmission, type MjSubmitRoute } from './decode-submit.js';

function refusal(route: MjSubmitRoute, body: unknown): GatewayError {
  try {
    decodeMjSubmission(route, body);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(400);
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('decodeMjSubmission', () => {
  it('keeps the documented fields of an imagine and drops notifyHook', () => {
    const submission = decodeMjSubmission('imagine', {
      prompt: 'a cat',
      botType: 'NIJI_JOURNEY',
      base64Array: ['data:image/png;base64,AAAA'],
      state: 'mine',
      notifyHook: 'http://169.254.169.254/',
      accountFilter: { channelId: 'x' },
    });
    expect(submission).toEqual({
      route: 'imagine',
      action: 'imagine',
      prompt: 'a cat',
      fields: { prompt: 'a cat', botType: 'NIJI_JOURNEY', base64Array: ['data:image/png;base64,AAAA'], state: 'mine' },
    });
  });

  it('reads the action of a pressed button and the task it belongs to', () => {
    const submission = decodeMjSubmission('action', { customId: 'MJ::JOB::upsample::1::abc', taskId: 'mj_1' });
    expect(submission).toMatchObject({
      action: 'upscale',
      taskId: 'mj_1',
      customId: 'MJ::JOB::upsample::1::abc',
      fields: { customId: 'MJ::JOB::upsample::1::abc' },
    });
    expect(submission.fields).not.toHaveProperty('taskId');
  });

  it('takes a modal with its optional prompt and mask', () => {
    expect(decodeMjSubmission('modal', { taskId: 't', prompt: 'wider', maskBase64: 'AAAA' })).toMatchObject({
      action: 'modal',
      taskId: 't',
      prompt: 'wider',
      fields: { prompt: 'wider', maskBase64: 'AAAA' },
    });
  });

  it('takes a blend of two to five images and a describe of one', () => {
    expect(decodeMjSubmission('blend', { base64Array: ['a', 'b'], dimensions: 'SQUARE' }).fields).toEqual({
      base64Array: ['a', 'b'],
      dimensions: 'SQUARE',
    });
    expect(decodeMjSubmission('describe', { base64: 'data:image/png;base64,AAAA' }).action).toBe('describe');
  });

  it.each([
    ['imagine', [], null],
    ['imagine', {}, 'prompt'],
    ['imagine', { prompt: '   ' }, 'prompt'],
    ['imagine', { prompt: 'x', botType: 'OTHER' }, 'botType'],
    ['imagine', { prompt: 'x', base64Array: 'abc' }, 'base64Array'],
    ['imagine', { prompt: 'x'.repeat(8193) }, 'prompt'],
    ['blend', { base64Array: ['one'] }, 'base64Array'],
    ['blend', { base64Array: ['1', '2', '3', '4', '5', '6'] }, 'base64Array'],
    ['blend', { base64Array: ['1', '2'], dimensions: 'WIDE' }, 'dimensions'],
    ['describe', { base64: 7 }, 'base64'],
    ['action', { customId: 'MJ::JOB::upsample::1::h' }, 'taskId'],
    ['action', { taskId: 't' }, 'customId'],
    ['action', { taskId: 't', customId: 'MJ::JOB::bookmark::1::h' }, 'customId'],
    ['modal', { prompt: 'x' }, 'taskId'],
    ['modal', { taskId: 't', prompt: 3 }, 'prompt'],
    ['imagine', { prompt: 'x', state: {} }, 'state'],
  ] as const)('refuses %s %j naming %s', (route, body, param) => {
    expect(refusal(route, body).param).toBe(param);
  });
});
