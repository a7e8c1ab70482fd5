/**
 * The playground's media modes in a real browser against a real AIHub with vendor emulators:
 * the mode row beside chat, each mode offering only models of its kind, in English and Chinese.
 * Each mode's requests (images, video, Midjourney, speech) go through the gateway to an emulator,
 * and My jobs lists what the user started, each with the cost its request-log row records.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AudioEmulator, startAudioEmulator } from '../emulators/audio-emulator.js';
import { type MidjourneyEmulator, startMidjourneyEmulator } from '../emulators/midjourney-proxy-emulator.js';
import { startVideoEmulator, type VideoEmulator } from '../emulators/video-emulator.js';
import { type ConsoleHarness, describeBrowser, heading, screenshotOnFailure, startConsole } from './console-harness.js';

const LANGUAGES = {
  en: {
    locale: 'en-US',
    modes: 'Playground modes',
    images: 'Images',
    video: 'Video',
    midjourney: 'Midjourney',
    speech: 'Speech',
    jobs: 'My jobs',
    chat: 'Chat',
    picker: 'Choose a model',
    trigger: /^Model: (.*) \(change\)$/,
    noJobs: 'No jobs yet',
    search: 'Search models',
    prompt: 'Prompt',
    size: 'Size',
    quality: 'Quality',
    count: 'Images',
    generate: 'Generate',
    edit: 'Edit image',
    upload: 'Upload an image to edit',
    text: 'Text',
    voice: 'Voice',
    format: 'Format',
    speak: 'Generate speech',
    download: 'Download',
    videoSubmit: 'Generate video',
    videoProgress: 'Video progress',
    imagine: 'Imagine',
    mjActions: 'Actions on this image',
    openImage: /^The image cannot be shown here/,
    done: 'Done',
  },
  zh: {
    locale: 'zh-CN',
    modes: '试验场模式',
    images: '图像',
    video: '视频',
    midjourney: 'Midjourney',
    speech: '语音',
    jobs: '我的任务',
    chat: '对话',
    picker: '选择模型',
    trigger: /^模型：(.*)（更换）$/,
    noJobs: '暂无任务',
    search: '搜索模型',
    prompt: '提示词',
    size: '尺寸',
    quality: '质量',
    count: '张数',
    generate: '生成',
    edit: '编辑图像',
    upload: '上传要编辑的图像',
    text: '文本',
    voice: '音色',
    format: '格式',
    speak: '生成语音',
    download: '下载',
    videoSubmit: '生成视频',
    videoProgress: '视频进度',
    imagine: '绘图',
    mjActions: '对该图像的操作',
    openImage: /^图像无法在此显示/,
    done: '已完成',
  },
} as const;
type Language = (typeof LANGUAGES)[keyof typeof LANGUAGES];

async function openMode(page: Page, text: Language, mode: 'images' | 'video' | 'midjourney' | 'speech' | 'jobs') {
  await page.getByRole('navigation', { name: text.modes }).getByRole('link', { name: text[mode] }).click();
  await heading(page, text[mode]).waitFor();
}

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Chooses `model` in the open mode's picker. */
async function chooseModel(page: Page, text: Language, model: string): Promise<void> {
  await page.getByRole('button', { name: text.trigger }).click();
  const dialog = page.getByRole('dialog', { name: text.picker });
  await dialog.getByRole('combobox', { name: text.search }).fill(model);
  await dialog
    .getByRole('option')
    .filter({ has: page.getByText(model, { exact: true }) })
    .click();
  await dialog.waitFor({ state: 'detached' });
}

/** The ids the open mode's model picker offers. */
async function offeredModels(page: Page, text: Language): Promise<string[]> {
  await page.getByRole('button', { name: text.trigger }).click();
  const dialog = page.getByRole('dialog', { name: text.picker });
  const options = dialog.getByRole('option');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  const ids = await options.allTextContents();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  return ids;
}

describeBrowser('console: playground media modes', () => {
  let harness: ConsoleHarness;
  let audio: AudioEmulator;
  let video: VideoEmulator;
  let mj: MidjourneyEmulator;
  screenshotOnFailure(() => harness);

  /** A new user in `text`'s language with $10 of credit (a gpt-image or Sora hold exceeds the trial's $0.20). */
  async function userPage(text: Language): Promise<Page> {
    const page = await harness.newPage({ locale: text.locale });
    const user = await harness.registerUser(page);
    const found = await harness.adminApi<{ data: { id: string }[] }>(
      'GET',
      `/api/admin/users?query=${encodeURIComponent(user.email)}`,
    );
    await harness.adminApi('POST', `/api/admin/users/${found.data[0]!.id}/adjust`, {
      amount: 10_000_000,
      reason: 'media playground test',
    });
    return page;
  }

  /**
   * The cost shown under a result is the charge in its request-log row (the row its link opens),
   * and not nothing.
   */
  async function expectLoggedCost(scope: Page | Locator): Promise<void> {
    const cost = scope.getByTestId('media-cost').first();
    await expect.poll(() => cost.textContent(), { timeout: 20_000 }).toMatch(/\$\d/);
    const shown = /\$([\d,.]+)/.exec((await cost.textContent()) ?? '')![1]!.replace(/,/g, '');
    const href = (await cost.getByRole('link').getAttribute('href')) ?? '';
    const requestId = decodeURIComponent(href.replace(/^\/logs\//, ''));
    const row = await harness.adminApi<{ cost: number }>('GET', `/api/logs/${encodeURIComponent(requestId)}`);
    expect(row.cost).toBeGreaterThan(0);
    expect(Math.round(Number(shown) * 1_000_000)).toBe(row.cost);
  }

  beforeAll(async () => {
    audio = await startAudioEmulator({ label: 'OpenAI audio' });
    video = await startVideoEmulator({ label: 'Sora' });
    mj = await startMidjourneyEmulator();
    // Short job polling, so a video or task settles (and is charged) within a test.
    harness = await startConsole({
      MIDJOURNEY_API_KEY: 'test-key',
      MIDJOURNEY_BASE_URL: mj.url,
      AIHUB_JOB_POLL_MS: '100',
      AIHUB_JOB_PENDING_MS: '100',
    });
    // The media models of the OpenAI emulator, as an operator would add them (the channels made
    // from the environment serve chat models only).
    await harness.adminApi('POST', '/api/admin/channels', {
      name: 'openai-media',
      type: 'openai',
      baseUrl: harness.gateway.openai.url,
      keys: ['test-key'],
      models: ['gpt-image-1', 'dall-e-3'],
    });
    // Midjourney's images through AIHub (signed /mj/image links): the console's CSP loads images
    // from its own origin only, so an upstream's image URL (the proxy's, Discord's CDN) cannot show.
    await harness.adminApi('PATCH', '/api/admin/settings', { midjourneyImageProxy: true });
    await harness.adminApi('POST', '/api/admin/channels', {
      name: 'openai-video',
      type: 'openai',
      baseUrl: `${video.url}/v1`,
      keys: ['test-key'],
      models: ['sora-2'],
    });
    await harness.adminApi('POST', '/api/admin/channels', {
      name: 'openai-audio',
      type: 'openai',
      baseUrl: audio.url,
      keys: ['test-key'],
      models: ['tts-1', 'whisper-1'],
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await audio?.close();
    await video?.close();
    await mj?.close();
  });

  /** Submits a sora-2 video in the Video mode and waits until its player has the content. */
  async function generateVideo(page: Page, text: Language, prompt: string): Promise<Locator> {
    await openMode(page, text, 'video');
    await chooseModel(page, text, 'sora-2');
    await page.getByLabel(text.prompt, { exact: true }).fill(prompt);
    await page.getByRole('button', { name: text.videoSubmit, exact: true }).click();
    const job = page.getByTestId('video-job');
    await job.waitFor();
    await job.getByTestId('video-player').waitFor({ timeout: 30_000 });
    return job;
  }

  /** Imagines `prompt` in the Midjourney mode, then presses U1 on its result; returns both cards. */
  async function imagineAndUpscale(page: Page, text: Language, prompt: string) {
    await openMode(page, text, 'midjourney');
    await page.getByLabel(text.prompt, { exact: true }).fill(prompt);
    await page.getByRole('button', { name: text.imagine, exact: true }).click();
    const imagine = page.getByTestId('mj-task').filter({ hasText: 'IMAGINE' });
    await expect.poll(() => imagine.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCESS');
    await imagine.getByRole('group', { name: text.mjActions }).getByRole('button', { name: 'U1', exact: true }).click();
    const upscale = page.getByTestId('mj-task').filter({ hasText: 'UPSCALE' });
    await expect.poll(() => upscale.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCESS');
    return { imagine, upscale };
  }

  it.each(Object.entries(LANGUAGES))(
    'offers the modes beside chat, each with models of its kind only (%s)',
    async (_, text) => {
      const page = await harness.newPage({ locale: text.locale });
      await harness.registerUser(page);
      const modes = page.getByRole('navigation', { name: text.modes });
      await modes.getByRole('link', { name: text.jobs }).waitFor();
      expect(await modes.getByRole('link').allTextContents()).toEqual([
        text.chat,
        text.images,
        text.video,
        text.midjourney,
        text.speech,
        text.jobs,
      ]);

      await openMode(page, text, 'images');
      expect(page.url()).toMatch(/\/playground\/images$/);
      const images = await offeredModels(page, text);
      expect(images.some((id) => id.includes('gpt-image-1'))).toBe(true);
      expect(images.some((id) => /gpt-4\.1|tts-1|whisper|sora/.test(id))).toBe(false);

      await openMode(page, text, 'speech');
      const speech = await offeredModels(page, text);
      expect(speech.some((id) => id.includes('tts-1'))).toBe(true);
      expect(speech.some((id) => /whisper|gpt-image|gpt-4\.1/.test(id))).toBe(false);

      await openMode(page, text, 'video');
      const video = await offeredModels(page, text);
      expect(video.some((id) => id.includes('sora-2'))).toBe(true);
      expect(video.some((id) => /tts-1|gpt-image|gpt-4\.1/.test(id))).toBe(false);

      await openMode(page, text, 'jobs');
      await page.getByText(text.noJobs).waitFor();

      // Chat is still the index, and its picker still offers chat models.
      await page.getByRole('navigation', { name: text.modes }).getByRole('link', { name: text.chat }).click();
      await page.waitForURL((url) => url.pathname === '/playground');
      expect(harness.pageErrors).toEqual([]);
    },
    60_000,
  );

  it.each(Object.entries(LANGUAGES))(
    'images: generates a grid at the size, quality and count chosen, each downloadable, with its cost (%s)',
    async (_, text) => {
      const page = await userPage(text);
      await openMode(page, text, 'images');
      await chooseModel(page, text, 'gpt-image-1');
      await page.getByLabel(text.prompt, { exact: true }).fill('a red fox in the snow');
      await page.getByLabel(text.size, { exact: true }).selectOption('1024x1536');
      await page.getByLabel(text.quality, { exact: true }).selectOption('low');
      await page.getByLabel(text.count, { exact: true }).fill('2');
      await page.getByRole('button', { name: text.generate, exact: true }).click();

      const grid = page.getByTestId('image-grid');
      await expect.poll(() => grid.getByRole('img').count(), { timeout: 20_000 }).toBe(2);
      const sent = harness.gateway.openai.requests.filter((request) => request.path.endsWith('/images/generations'));
      expect(sent.at(-1)?.body).toMatchObject({
        model: 'gpt-image-1',
        prompt: 'a red fox in the snow',
        n: 2,
        size: '1024x1536',
        quality: 'low',
      });
      expect(await grid.getByRole('img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        grid
          .getByRole('link', { name: new RegExp(`^${text.download}`) })
          .first()
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^image-\d+-1\.png$/);
      await expectLoggedCost(page);
    },
    60_000,
  );

  it.each(Object.entries(LANGUAGES))(
    'images: edits an uploaded image with gpt-image, multipart to /v1/images/edits (%s)',
    async (_, text) => {
      const page = await userPage(text);
      await openMode(page, text, 'images');
      await chooseModel(page, text, 'gpt-image-1');
      await page.getByLabel(text.prompt, { exact: true }).fill('add a hat');
      await page
        .getByLabel(text.upload, { exact: true })
        .setInputFiles({ name: 'fox.png', mimeType: 'image/png', buffer: TINY_PNG });
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await expect.poll(() => page.getByTestId('image-grid').getByRole('img').count(), { timeout: 20_000 }).toBe(1);
      const sent = harness.gateway.openai.requests.filter((request) => request.path.endsWith('/images/edits')).at(-1);
      expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data/);
      expect(sent?.body).toMatchObject({ model: 'gpt-image-1', prompt: 'add a hat' });
      await expectLoggedCost(page);
      expect(harness.pageErrors).toEqual([]);
    },
    60_000,
  );

  it.each(Object.entries(LANGUAGES))(
    'video: submit, watch progress, play and download the content, see the cost (%s)',
    async (_, text) => {
      const page = await userPage(text);
      await openMode(page, text, 'video');
      await chooseModel(page, text, 'sora-2');
      await page.getByLabel(text.prompt, { exact: true }).fill('a paper boat on a river');
      await page.getByRole('button', { name: text.videoSubmit, exact: true }).click();
      const job = page.getByTestId('video-job');
      // The submission answers a queued job: its progress shows until the job is done.
      await job.getByRole('progressbar', { name: text.videoProgress }).waitFor();
      const player = job.getByTestId('video-player');
      await player.waitFor({ timeout: 30_000 });
      expect(await job.getAttribute('data-status')).toBe('completed');
      expect(await job.getByText(text.done, { exact: true }).count()).toBe(1);
      expect(video.requests.find((request) => request.method === 'POST')?.fields).toMatchObject({
        model: 'sora-2',
        prompt: 'a paper boat on a river',
      });
      // The player holds the content's bytes (an object URL of the whole download).
      expect(await player.getAttribute('src')).toMatch(/^blob:/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        job.getByRole('link', { name: text.download }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^video_.*\.mp4$|\.mp4$/);
      expect((await readFile((await download.path())!)).equals(video.contentBytes)).toBe(true);
      await expectLoggedCost(job);
      expect(harness.pageErrors).toEqual([]);
    },
    90_000,
  );

  it.each(Object.entries(LANGUAGES))(
    'Midjourney: imagine, see the image, press U1, the upscale succeeds, each with its cost (%s)',
    async (_, text) => {
      const page = await userPage(text);
      const { imagine, upscale } = await imagineAndUpscale(page, text, 'a lighthouse at dusk --ar 16:9');
      // Both results show their image, loaded through AIHub (not a broken link).
      for (const card of [imagine, upscale]) {
        const image = card.getByRole('img');
        expect(await image.getAttribute('src')).toMatch(/\/mj\/image\//);
        await expect
          .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth), { timeout: 10_000 })
          .toBeGreaterThan(0);
      }
      const submits = mj.requests.filter((request) => request.path.startsWith('/mj/submit/'));
      expect(submits.at(-2)).toMatchObject({
        path: '/mj/submit/imagine',
        body: { prompt: 'a lighthouse at dusk --ar 16:9' },
      });
      expect(submits.at(-1)?.path).toBe('/mj/submit/action');
      expect(String((submits.at(-1)?.body as { customId?: string } | undefined)?.customId)).toMatch(/upsample::1::/);
      await expectLoggedCost(imagine);
      await expectLoggedCost(upscale);
      expect(harness.pageErrors).toEqual([]);
    },
    90_000,
  );
  it.each(Object.entries(LANGUAGES))(
    'Midjourney with the image proxy off: the upstream image the CSP blocks becomes a link to it (%s)',
    async (_, text) => {
      await harness.adminApi('PATCH', '/api/admin/settings', { midjourneyImageProxy: false });
      try {
        const page = await userPage(text);
        await openMode(page, text, 'midjourney');
        await page.getByLabel(text.prompt, { exact: true }).fill('a harbour at noon');
        await page.getByRole('button', { name: text.imagine, exact: true }).click();
        const card = page.getByTestId('mj-task').filter({ hasText: 'IMAGINE' });
        await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCESS');
        const link = card.getByRole('link', { name: text.openImage });
        await link.waitFor();
        expect(await link.getAttribute('href')).toMatch(new RegExp(`^${mj.url}/attachments/[\\w-]+\\.png$`));
        expect(await card.getByRole('img').count()).toBe(0);
      } finally {
        await harness.adminApi('PATCH', '/api/admin/settings', { midjourneyImageProxy: true });
      }
    },
    60_000,
  );

  it.each(Object.entries(LANGUAGES))(
    'speech: text, voice and format to an <audio> player and a download, with its cost (%s)',
    async (_, text) => {
      const page = await userPage(text);
      await openMode(page, text, 'speech');
      await page.getByRole('button', { name: text.trigger }).waitFor();
      await page.getByLabel(text.text, { exact: true }).fill('Hello from the console.');
      await page.getByLabel(text.voice, { exact: true }).selectOption('nova');
      await page.getByLabel(text.format, { exact: true }).selectOption('wav');
      await page.getByRole('button', { name: text.speak }).click();

      const player = page.getByTestId('speech-audio');
      await player.waitFor();
      expect(audio.requests.at(-1)?.body).toMatchObject({
        model: 'tts-1',
        input: 'Hello from the console.',
        voice: 'nova',
        response_format: 'wav',
      });
      // The player can play what came back (the page's CSP lets media load from object URLs).
      await expect
        .poll(() => player.evaluate((element: HTMLAudioElement) => element.duration), { timeout: 10_000 })
        .toBeGreaterThan(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: text.download }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('speech.wav');
      await expectLoggedCost(page);
      expect(harness.pageErrors).toEqual([]);
    },
    60_000,
  );
  it.each(Object.entries(LANGUAGES))(
    'My jobs: lists the video and the Midjourney tasks, each done, with its cost (%s)',
    async (_, text) => {
      const page = await userPage(text);
      await generateVideo(page, text, 'a kite over the dunes');
      await imagineAndUpscale(page, text, 'a kite over the dunes, watercolor');
      await openMode(page, text, 'jobs');
      const table = page.getByRole('table', { name: text.jobs });
      const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
      const videoRow = rows.filter({ hasText: 'sora-2' });
      const mjRows = rows.filter({ hasText: text.midjourney });
      expect(await videoRow.count()).toBe(1);
      expect(await mjRows.count()).toBe(2);
      for (const row of [videoRow, mjRows.nth(0), mjRows.nth(1)]) {
        await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(text.done);
        await expectLoggedCost(row);
      }
      expect(harness.pageErrors).toEqual([]);
    },
    120_000,
  );
});
