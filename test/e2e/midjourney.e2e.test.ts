/**
 * The Midjourney proxy API end to end, with plain fetch (no official SDK exists) against the real
 * server and a Midjourney proxy emulator: imagine → poll fetch → U1 on the result → success, each
 * action charged once at its price when its task succeeds (held meanwhile); a failed task, a
 * banned prompt and an upstream 5xx charge nothing; AIHub's task ids, never the upstream's; user
 * B can neither fetch, act on nor list user A's tasks; the image proxy setting serves a task's
 * image through a signed link that cannot be bent to another task. One log row per submission,
 * marked `midjourney`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_PRICES } from '../../src/catalog/media-prices.js';
import {
  EMULATED_PNG,
  type MidjourneyEmulator,
  startMidjourneyEmulator,
} from '../emulators/midjourney-proxy-emulator.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

/** The built-in list price of each action (src/catalog/media-prices.ts), in units. */
const MJ_DEFAULT_PRICES = Object.fromEntries(
  Object.entries(MEDIA_PRICES.find((row) => row.provider === 'midjourney')?.perUnit ?? {}).map(([unit, price]) => [
    unit.replace('mj:', ''),
    price,
  ]),
) as Record<'imagine' | 'upscale' | 'modal', number>;

let gateway: Gateway;
let mj: MidjourneyEmulator;
let alice: Session;
let bob: Session;
let aliceKey: string;
let bobKey: string;

const CREDIT = 10_000_000;

beforeAll(async () => {
  mj = await startMidjourneyEmulator();
  gateway = await startGateway({
    MIDJOURNEY_API_KEY: UPSTREAM_KEY,
    MIDJOURNEY_BASE_URL: mj.url,
    AIHUB_JOB_POLL_MS: '50',
    AIHUB_JOB_PENDING_MS: '50',
  });
  alice = await register(gateway, 'alice-mj@example.com');
  bob = await register(gateway, 'bob-mj@example.com');
  for (const user of [alice, bob]) {
    const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: CREDIT,
      reason: 'midjourney test credit',
    });
    expect(topUp.status).toBe(200);
  }
  aliceKey = (await createKey(gateway, alice)).key;
  bobKey = (await createKey(gateway, bob)).key;
});

afterAll(async () => {
  await gateway?.close();
  await mj?.close();
});

beforeEach(async () => {
  gateway.app.deps.routeHealth.reset();
  await asAdmin(gateway, 'PATCH', '/api/admin/settings', { midjourneyImageProxy: false });
});

interface Answer {
  status: number;
  requestId: string;
  body: any;
}

/** A call the way proxy clients make it: the key in `mj-api-secret` (or, for `bearer`, Authorization). */
async function mjCall(key: string, method: string, path: string, body?: unknown, bearer = false): Promise<Answer> {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${key}` } : { 'mj-api-secret': key };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${gateway.origin}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? '', body: JSON.parse(text) };
}

/** Fetches the task until it has ended (the poller moves it along). */
async function untilDone(key: string, id: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const { status, body } = await mjCall(key, 'GET', `/mj/task/${id}/fetch`, undefined, true);
    expect(status).toBe(200);
    if (['SUCCESS', 'FAILURE', 'MODAL'].includes(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`task ${id} never ended`);
}

async function ledgerEntry(session: Session, requestId: string) {
  const ledger = await asUser(gateway, session, 'GET', '/api/ledger');
  return ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
}

async function balance(session: Session): Promise<{ balance: number; reserved: number }> {
  return (await asUser(gateway, session, 'GET', '/api/balance')).json;
}

/** Until the job's settlement has reached the ledger (the poller settles before it marks the job). */
async function settledEntry(session: Session, requestId: string) {
  for (let i = 0; i < 100; i++) {
    const entry = await ledgerEntry(session, requestId);
    if (entry) return entry;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

async function imagine(key: string, prompt: string): Promise<Answer> {
  return mjCall(key, 'POST', '/mj/submit/imagine', { prompt });
}

describe('Midjourney tasks through AIHub', () => {
  it('runs imagine → fetch → U1 → success, charging each action once at its price', async () => {
    const before = await balance(alice);
    const submitted = await imagine(aliceKey, 'a red fox in snow');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toEqual({ code: 1, description: '提交成功', result: expect.any(String), properties: {} });
    const id = submitted.body.result as string;
    expect(mj.tasks.has(id)).toBe(false);
    expect(mj.requests[0]?.headers['mj-api-secret']).toBe(UPSTREAM_KEY);

    const grid = await untilDone(aliceKey, id);
    expect(grid).toMatchObject({
      id,
      action: 'IMAGINE',
      status: 'SUCCESS',
      progress: '100%',
      prompt: 'a red fox in snow',
    });
    expect(grid.imageUrl).toMatch(new RegExp(`^${mj.url}/attachments/[\\w-]+\\.png$`));
    expect(JSON.stringify(grid)).not.toContain([...mj.tasks.keys()][0]);
    const imagineCharge = await settledEntry(alice, submitted.requestId);
    expect(imagineCharge?.amount).toBe(-MJ_DEFAULT_PRICES.imagine);

    const u1 = grid.buttons.find((button: { label: string }) => button.label === 'U1');
    const upscale = await mjCall(aliceKey, 'POST', '/mj/submit/action', { taskId: id, customId: u1.customId });
    expect(upscale.body).toMatchObject({ code: 1, result: expect.any(String) });
    const [, sentAction] = mj.requests.filter((request) => request.path.startsWith('/mj/submit/'));
    expect(sentAction?.body).toEqual({ customId: u1.customId, taskId: [...mj.tasks.keys()][0] });
    const upscaled = await untilDone(aliceKey, upscale.body.result);
    expect(upscaled).toMatchObject({ action: 'UPSCALE', status: 'SUCCESS' });
    expect((await settledEntry(alice, upscale.requestId))?.amount).toBe(-MJ_DEFAULT_PRICES.upscale);

    const after = await balance(alice);
    expect(after.balance).toBe(before.balance - MJ_DEFAULT_PRICES.imagine - MJ_DEFAULT_PRICES.upscale);
    expect(after.reserved).toBe(0);
    // The submission's row follows its job: the charge and the units once the task succeeded.
    let log = await waitForLog(gateway, alice, submitted.requestId);
    for (let i = 0; i < 100 && log.cost === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      log = await waitForLog(gateway, alice, submitted.requestId);
    }
    expect(log).toMatchObject({
      endpoint: 'midjourney',
      modelRequested: 'midjourney',
      provider: 'midjourney',
      status: 200,
      cost: MJ_DEFAULT_PRICES.imagine,
      units: { 'mj:imagine': 1 },
    });
  });

  it('holds the price while the task runs, and releases it when the task fails', async () => {
    const before = await balance(alice);
    const submitted = await imagine(aliceKey, 'this one will fail');
    expect(submitted.body.code).toBe(1);
    const held = await balance(alice);
    const done = await untilDone(aliceKey, submitted.body.result);
    expect(done).toMatchObject({ status: 'FAILURE', failReason: expect.stringContaining('failed'), buttons: [] });
    for (let i = 0; i < 100 && (await balance(alice)).reserved > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(held.reserved).toBe(MJ_DEFAULT_PRICES.imagine);
    expect(await balance(alice)).toMatchObject({ balance: before.balance, reserved: 0 });
    expect(await ledgerEntry(alice, submitted.requestId)).toBeUndefined();
  });

  it('relays a banned prompt as the proxy refused it (code 24, 400) and charges nothing', async () => {
    const before = await balance(alice);
    const refused = await imagine(aliceKey, 'something banned');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: 24, description: '可能包含敏感词', result: null, properties: {} });
    expect(await balance(alice)).toMatchObject({ balance: before.balance, reserved: 0 });
  });

  it('answers bad input, a bad key and an upstream 5xx in the proxy envelope, charging nothing', async () => {
    const before = await balance(alice);
    expect(await mjCall(aliceKey, 'POST', '/mj/submit/imagine', { prompt: '' })).toMatchObject({
      status: 400,
      body: { code: 4, result: null, description: expect.stringContaining('prompt') },
    });
    expect((await mjCall('sk-aihub-wrong', 'POST', '/mj/submit/imagine', { prompt: 'x' })).status).toBe(401);
    mj.failNext(502, 10);
    const failed = await imagine(aliceKey, 'a calm lake');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body).toMatchObject({ code: 9, result: null });
    mj.failNext(502, 0);
    expect(await balance(alice)).toMatchObject({ balance: before.balance, reserved: 0 });
  });
});

describe("the admin's channel test", () => {
  it('checks a Midjourney channel with a task lookup, submitting nothing', async () => {
    const tested = await asAdmin(gateway, 'POST', '/api/admin/channels/env-midjourney/test', {});
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ ok: true, model: 'midjourney', status: 200 });
    expect(mj.requests.at(-1)).toMatchObject({ path: '/mj/task/list-by-condition', body: { ids: [] } });
    mj.failNext(401, 1);
    const refused = await asAdmin(gateway, 'POST', '/api/admin/channels/env-midjourney/test', {});
    expect(refused.json).toMatchObject({ ok: false, status: 401 });
  });
});

describe('Custom Zoom and its modal', () => {
  it('opens the modal free of charge, then runs and charges the modal', async () => {
    const grid = await untilDone(aliceKey, (await imagine(aliceKey, 'a quiet harbour')).body.result);
    const u2 = grid.buttons.find((button: { label: string }) => button.label === 'U2').customId;
    const upscaled = await untilDone(
      aliceKey,
      (await mjCall(aliceKey, 'POST', '/mj/submit/action', { taskId: grid.id, customId: u2 })).body.result,
    );
    const zoom = upscaled.buttons.find((button: { label: string }) => button.label === 'Custom Zoom').customId;
    const before = await balance(alice);
    const opened = await mjCall(aliceKey, 'POST', '/mj/submit/action', { taskId: upscaled.id, customId: zoom });
    expect(opened.body).toMatchObject({ code: 21, result: expect.any(String) });
    expect((await untilDone(aliceKey, opened.body.result)).status).toBe('MODAL');
    expect((await balance(alice)).reserved).toBe(0);

    const modal = await mjCall(aliceKey, 'POST', '/mj/submit/modal', { taskId: opened.body.result, prompt: 'wider' });
    expect(modal.body).toMatchObject({ code: 1, result: expect.any(String) });
    expect(modal.body.result).not.toBe(opened.body.result);
    const zoomed = await untilDone(aliceKey, modal.body.result);
    expect(zoomed).toMatchObject({ status: 'SUCCESS', action: 'ZOOM' });
    expect((await settledEntry(alice, modal.requestId))?.amount).toBe(-MJ_DEFAULT_PRICES.modal);
    expect((await balance(alice)).balance).toBe(before.balance - MJ_DEFAULT_PRICES.modal);
  });
});

describe("another user's tasks", () => {
  it('are not found for fetch, actions or modals, and left out of list-by-condition', async () => {
    const mine = await imagine(aliceKey, 'a private lighthouse');
    const id = mine.body.result as string;
    const grid = await untilDone(aliceKey, id);

    const fetched = await mjCall(bobKey, 'GET', `/mj/task/${id}/fetch`);
    expect(fetched).toMatchObject({ status: 404, body: { code: 3, result: null } });
    const acted = await mjCall(bobKey, 'POST', '/mj/submit/action', { taskId: id, customId: grid.buttons[0].customId });
    expect(acted).toMatchObject({ status: 404, body: { code: 3 } });
    expect((await mjCall(bobKey, 'POST', '/mj/submit/modal', { taskId: id, prompt: 'x' })).status).toBe(404);
    expect((await mjCall(bobKey, 'POST', '/mj/task/list-by-condition', { ids: [id] })).body).toEqual([]);
    const listed = await mjCall(aliceKey, 'POST', '/mj/task/list-by-condition', { ids: [id, 'mj_unknown'] });
    expect(listed.body.map((task: { id: string }) => task.id)).toEqual([id]);
    // The upstream's own id is nobody's task id here.
    const upstreamId = [...mj.tasks.values()].find((task) => task.prompt === 'a private lighthouse')?.id;
    expect((await mjCall(aliceKey, 'GET', `/mj/task/${upstreamId}/fetch`)).status).toBe(404);
  });

  it("refuses a customId that is not one of the task's buttons", async () => {
    const id = (await imagine(aliceKey, 'a green door')).body.result as string;
    await untilDone(aliceKey, id);
    const acted = await mjCall(aliceKey, 'POST', '/mj/submit/action', {
      taskId: id,
      customId: 'MJ::JOB::upsample::1::someone-elses-hash',
    });
    expect(acted).toMatchObject({ status: 400, body: { code: 4 } });
  });
});

describe('the image proxy setting', () => {
  it("serves a task's image through a signed AIHub link, and only that task's", async () => {
    const first = (await imagine(aliceKey, 'a blue whale')).body.result as string;
    const second = (await imagine(aliceKey, 'a grey heron')).body.result as string;
    await untilDone(aliceKey, first);
    await untilDone(aliceKey, second);
    expect((await asAdmin(gateway, 'PATCH', '/api/admin/settings', { midjourneyImageProxy: true })).status).toBe(200);

    const task = (await mjCall(aliceKey, 'GET', `/mj/task/${first}/fetch`)).body;
    const link = new URL(task.imageUrl);
    expect(link.origin).toBe(gateway.origin);
    expect(link.pathname).toBe(`/mj/image/${first}`);
    expect(task.imageUrl).not.toContain(mj.url);
    const image = await fetch(task.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(EMULATED_PNG);

    const otherTask = await fetch(`${gateway.origin}/mj/image/${second}${link.search}`);
    expect(otherTask.status).toBe(404);
    const forged = new URL(task.imageUrl);
    forged.searchParams.set('signature', 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(404);
    const unsigned = await fetch(`${gateway.origin}/mj/image/${first}`);
    expect(unsigned.status).toBe(404);
  });
});
