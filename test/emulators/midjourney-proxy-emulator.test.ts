import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATED_PNG, type MidjourneyEmulator, startMidjourneyEmulator } from './midjourney-proxy-emulator.js';

let mj: MidjourneyEmulator;

beforeAll(async () => {
  mj = await startMidjourneyEmulator();
});
afterAll(() => mj.close());
beforeEach(() => mj.reset());

async function call(method: string, path: string, body?: unknown, key = 'test-key') {
  const response = await fetch(`${mj.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'mj-api-secret': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('Midjourney proxy emulator', () => {
  it('runs an imagine from NOT_START to SUCCESS with the grid buttons, then an upscale of it', async () => {
    const submitted = await call('POST', '/mj/submit/imagine', { prompt: 'a red fox' });
    expect(submitted.body).toMatchObject({ code: 1, description: '提交成功' });
    const id = submitted.body.result as string;
    const first = await call('GET', `/mj/task/${id}/fetch`);
    expect(first.body).toMatchObject({ id, action: 'IMAGINE', status: 'IN_PROGRESS' });
    expect(first.body.progress).toMatch(/^\d+%$/);
    const [done] = (await call('POST', '/mj/task/list-by-condition', { ids: [id, 'nope'] })).body;
    expect(done).toMatchObject({
      status: 'SUCCESS',
      progress: '100%',
      imageUrl: expect.stringMatching(/\/attachments\/[\w-]+\.png$/),
    });
    expect(done.buttons.map((button: { label: string }) => button.label)).toContain('U1');
    expect(done).not.toHaveProperty('looksLeft');

    const u1 = done.buttons.find((button: { label: string }) => button.label === 'U1').customId;
    const upscale = await call('POST', '/mj/submit/action', { taskId: id, customId: u1 });
    expect(upscale.body.code).toBe(1);
    const image = await fetch(done.imageUrl);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(EMULATED_PNG);
  });

  it('fails a "fail" prompt, refuses a banned one with code 24 and an unknown key with 401', async () => {
    const failing = await call('POST', '/mj/submit/imagine', { prompt: 'please fail' });
    await call('GET', `/mj/task/${failing.body.result}/fetch`);
    const failed = await call('GET', `/mj/task/${failing.body.result}/fetch`);
    expect(failed.body).toMatchObject({ status: 'FAILURE', failReason: expect.stringContaining('failed') });
    expect((await call('POST', '/mj/submit/imagine', { prompt: 'a banned thing' })).body).toMatchObject({
      code: 24,
      result: null,
    });
    expect((await call('POST', '/mj/submit/imagine', { prompt: 'x' }, 'wrong')).status).toBe(401);
    expect((await call('GET', '/mj/task/unknown/fetch')).body).toBeNull();
  });

  it('opens a custom zoom as a MODAL task (code 21) that the modal submits', async () => {
    const id = (await call('POST', '/mj/submit/imagine', { prompt: 'a hill' })).body.result;
    await call('GET', `/mj/task/${id}/fetch`);
    const grid = (await call('GET', `/mj/task/${id}/fetch`)).body;
    const u2 = grid.buttons[1].customId;
    const upscaleId = (await call('POST', '/mj/submit/action', { taskId: id, customId: u2 })).body.result;
    await call('GET', `/mj/task/${upscaleId}/fetch`);
    const upscaled = (await call('GET', `/mj/task/${upscaleId}/fetch`)).body;
    const zoom = upscaled.buttons.find((button: { label: string }) => button.label === 'Custom Zoom').customId;
    const opened = await call('POST', '/mj/submit/action', { taskId: upscaleId, customId: zoom });
    expect(opened.body.code).toBe(21);
    expect(mj.tasks.get(opened.body.result)?.status).toBe('MODAL');
    expect((await call('POST', '/mj/submit/modal', { taskId: opened.body.result, prompt: 'wider' })).body.code).toBe(1);
  });

  it('answers the next requests with an injected status', async () => {
    mj.failNext(503, 2);
    expect((await call('POST', '/mj/submit/imagine', { prompt: 'x' })).status).toBe(503);
    expect((await call('POST', '/mj/task/list-by-condition', { ids: [] })).status).toBe(503);
    expect((await call('POST', '/mj/submit/imagine', { prompt: 'x' })).body.code).toBe(1);
  });
});
