/**
 * `/v1/videos` end to end with the official `openai` package against the real server: Sora through
 * OpenAI channels and Veo through a Gemini channel, behind one OpenAI-shaped API. A job is created
 * (multipart, as the SDK sends it), polled by the server's job poller until done, its bytes
 * streamed through AIHub, listed and deleted; the worst case is held durably at submission and
 * settled to the seconds made; a failed job and a refused prompt cost nothing; a 429 at submission
 * fails over to the next channel; another user's video is a 404 on every route.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startVideoEmulator, type VideoEmulator } from '../emulators/video-emulator.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

let gateway: Gateway;
let soraA: VideoEmulator;
let soraB: VideoEmulator;
let veo: VideoEmulator;
let configDir: string;
let alice: Session;
let bob: Session;
let aliceClient: OpenAI;
let bobClient: OpenAI;

const CREDIT = 20_000_000;

beforeAll(async () => {
  [soraA, soraB, veo] = await Promise.all([startVideoEmulator(), startVideoEmulator(), startVideoEmulator()]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-videos-'));
  const configPath = join(configDir, 'aihub.yaml');
  const channels = [
    {
      name: 'sora-a',
      type: 'openai',
      base_url: `${soraA.url}/v1`,
      key: UPSTREAM_KEY,
      models: ['sora-2', 'sora-2-pro'],
      priority: 20,
    },
    {
      name: 'sora-b',
      type: 'openai',
      base_url: `${soraB.url}/v1`,
      key: UPSTREAM_KEY,
      models: ['sora-2', 'sora-2-pro'],
      priority: 10,
    },
    {
      name: 'veo',
      type: 'gemini',
      base_url: veo.url,
      key: UPSTREAM_KEY,
      models: ['veo-3.1-generate-preview'],
      priority: 20,
    },
  ];
  writeFileSync(configPath, stringify({ channels }));
  gateway = await startGateway({
    AIHUB_CONFIG: configPath,
    AIHUB_JOB_POLL_MS: '100',
    AIHUB_JOB_PENDING_MS: '100',
  });
  alice = await register(gateway, 'alice-video@example.com');
  bob = await register(gateway, 'bob-video@example.com');
  for (const user of [alice, bob]) {
    const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: CREDIT,
      reason: 'video test credit',
    });
    expect(topUp.status).toBe(200);
  }
  aliceClient = new OpenAI({ apiKey: (await createKey(gateway, alice)).key, baseURL: gateway.baseURL, maxRetries: 0 });
  bobClient = new OpenAI({ apiKey: (await createKey(gateway, bob)).key, baseURL: gateway.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([soraA?.close(), soraB?.close(), veo?.close()]);
  rmSync(configDir, { recursive: true, force: true });
});

async function balanceOf(user: Session): Promise<{ balance: number; reserved: number }> {
  return (await asUser(gateway, user, 'GET', '/api/balance')).json;
}

async function finished(client: OpenAI, id: string) {
  for (let i = 0; i < 200; i++) {
    const video = await client.videos.retrieve(id);
    if (video.status === 'completed' || video.status === 'failed') return video;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`video ${id} never finished`);
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}

describe('/v1/videos', () => {
  it('creates a Sora video with a reference image, holds its worst case, polls it to completion, charges the seconds made, streams it, lists and deletes it', async () => {
    const before = await balanceOf(alice);
    const created = await aliceClient.videos.create({
      model: 'sora-2',
      prompt: 'a cat on a skateboard',
      seconds: '8',
      size: '1280x720',
      input_reference: await toFile(Buffer.from([137, 80, 78, 71, 1, 2, 3]), 'ref.png', { type: 'image/png' }),
    });
    expect(created).toMatchObject({
      object: 'video',
      model: 'sora-2',
      status: 'queued',
      seconds: '8',
      size: '1280x720',
      progress: 0,
    });
    expect(created.id).toMatch(/^video_/);
    // The upstream got the reference as a file, and the id it gave is not the one we answer.
    const submitted = soraA.requests.find(
      (request) => request.method === 'POST' && request.fields.prompt === 'a cat on a skateboard',
    );
    expect(submitted?.file).toEqual({ name: 'ref.png', size: 7 });
    const held = await balanceOf(alice);
    expect(held.reserved - before.reserved).toBe(8 * 100_000);

    const done = await finished(aliceClient, created.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, seconds: '8', size: '1280x720', error: null });
    const after = await balanceOf(alice);
    expect(after.reserved).toBe(before.reserved);
    expect(before.balance - after.balance).toBe(8 * 100_000);

    const log = await waitForLog(
      gateway,
      alice,
      (await aliceClient.videos.retrieve(created.id).withResponse()).response.headers.get('x-request-id') ?? '',
    ).catch(() => undefined);
    expect(log === undefined || log.endpoint !== 'video').toBe(true); // reads are not logged

    const content = await aliceClient.videos.downloadContent(created.id);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await content.arrayBuffer()).equals(soraA.contentBytes)).toBe(true);
    const thumbnail = await aliceClient.videos.downloadContent(created.id, { variant: 'thumbnail' });
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    const page = await aliceClient.videos.list({ limit: 10 });
    expect(page.data.map((video) => video.id)).toContain(created.id);

    expect(await aliceClient.videos.delete(created.id)).toEqual({
      id: created.id,
      object: 'video.deleted',
      deleted: true,
    });
    expect(await status(aliceClient.videos.retrieve(created.id))).toBe(404);
  });

  it("logs the submission once as a 'video' request, updated with its cost and units when the job ends", async () => {
    const { data, response } = await aliceClient.videos
      .create({ model: 'sora-2', prompt: 'waves at dusk', seconds: '4', size: '720x1280' })
      .withResponse();
    const requestId = response.headers.get('x-request-id') ?? '';
    await finished(aliceClient, data.id);
    let row = await waitForLog(gateway, alice, requestId);
    for (let i = 0; i < 50 && row.cost === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = await waitForLog(gateway, alice, requestId);
    }
    expect(row).toMatchObject({ endpoint: 'video', status: 200, cost: 400_000, units: { 'video_second:720x1280': 4 } });
  });

  it('refunds a job that fails upstream: the balance is back where it was', async () => {
    const before = await balanceOf(alice);
    const created = await aliceClient.videos.create({
      model: 'sora-2-pro',
      prompt: 'this one will fail',
      seconds: '4',
      size: '1792x1024',
    });
    expect((await balanceOf(alice)).reserved - before.reserved).toBe(4 * 500_000);
    const done = await finished(aliceClient, created.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'video_generation_failed', message: 'The emulated video failed.' });
    expect(await balanceOf(alice)).toEqual(before);
  });

  it("refuses a blocked prompt as the caller's 400, charging nothing and keeping no job", async () => {
    const before = await balanceOf(alice);
    const error = await aliceClient.videos
      .create({ model: 'sora-2', prompt: 'something forbidden' })
      .catch((thrown) => thrown);
    expect(error).toMatchObject({ status: 400, code: 'moderation_blocked' });
    expect(await balanceOf(alice)).toEqual(before);
  });

  it('refuses bad seconds and sizes before any upstream call, charging nothing', async () => {
    const calls = soraA.requests.length + soraB.requests.length;
    const before = await balanceOf(alice);
    expect(
      await aliceClient.videos
        .create({ model: 'sora-2', prompt: 'x', size: '1792 by 1024' as '720x1280' })
        .catch((e) => e),
    ).toMatchObject({ status: 400, param: 'size' });
    expect(
      await aliceClient.videos.create({ model: 'sora-2', prompt: 'x', seconds: '5' as '4' }).catch((e) => e),
    ).toMatchObject({
      status: 400,
      param: 'seconds',
    });
    expect(soraA.requests.length + soraB.requests.length).toBe(calls);
    expect(await balanceOf(alice)).toEqual(before);
  });

  it('fails the submission over to the next channel on a 429 and a 5xx', async () => {
    soraA.enqueueSubmitFault({ status: 503 });
    const first = await aliceClient.videos.create({ model: 'sora-2', prompt: 'switch one' });
    soraA.enqueueSubmitFault({ status: 429 });
    const second = await aliceClient.videos.create({ model: 'sora-2', prompt: 'switch two' });
    for (const prompt of ['switch one', 'switch two']) {
      expect(soraB.requests.some((request) => request.method === 'POST' && request.fields.prompt === prompt)).toBe(
        true,
      );
    }
    // Polled at the channel that took it.
    expect((await finished(aliceClient, first.id)).status).toBe('completed');
    expect((await finished(aliceClient, second.id)).status).toBe('completed');
  });

  it('makes a Veo video through a Gemini channel, charged at the catalog price per second, streamed through AIHub', async () => {
    const before = await balanceOf(alice);
    const created = await aliceClient.videos.create({
      model: 'veo-3.1-generate-preview',
      prompt: 'a lighthouse',
      seconds: '8' as '4',
      size: '1280x720',
    });
    expect(created).toMatchObject({ status: 'queued', seconds: '8', size: '1280x720' });
    expect(veo.requests.find((request) => request.method === 'POST')?.fields).toMatchObject({
      instances: [{ prompt: 'a lighthouse' }],
      parameters: { durationSeconds: 8, aspectRatio: '16:9', resolution: '720p', sampleCount: 1 },
    });
    const done = await finished(aliceClient, created.id);
    expect(done.status).toBe('completed');
    expect(before.balance - (await balanceOf(alice)).balance).toBe(8 * 400_000);
    const content = await aliceClient.videos.downloadContent(created.id);
    expect(Buffer.from(await content.arrayBuffer()).equals(veo.contentBytes)).toBe(true);
  });

  it("answers another user's video as not found on every route, and lists only the caller's own", async () => {
    const created = await aliceClient.videos.create({ model: 'sora-2', prompt: 'private' });
    await finished(aliceClient, created.id);
    expect(await status(bobClient.videos.retrieve(created.id))).toBe(404);
    expect(await status(bobClient.videos.downloadContent(created.id))).toBe(404);
    expect(await status(bobClient.videos.delete(created.id))).toBe(404);
    expect((await bobClient.videos.list()).data).toEqual([]);
    expect(await status(bobClient.videos.retrieve('video_does_not_exist'))).toBe(404);
    expect((await aliceClient.videos.retrieve(created.id)).status).toBe('completed');
  });
});
