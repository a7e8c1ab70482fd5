/**
 * Console polish (issue 15), in English and Chinese, with no uncaught page error, no failed
 * request and no English left on the Chinese pages:
 * - one mark per model in the playground: the model's catalog vendor, the same in the picker and
 *   on a reply while it streams and after;
 * - a model sold at a fixed price per request shows that price in the picker, on the Models page,
 *   on the public /pricing page (signed out) and in the reply's cost, and is not "unpriced";
 * - the dashboard's hourly chart shows one channel when chosen, kept in the URL;
 * - the announcements bell: an unread count, a list of every live announcement, read once opened.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';
import { englishWordsOn } from './untranslated-text.js';

/** A model no catalog knows, sold at $0.04 a request; names with a digit read as ids to the text scanner. */
const FIXED_MODEL = 'flat-fee-1';
const CHANNEL = 'relay-2';

const TEXT = {
  en: {
    locale: 'en-US',
    composer: 'Message',
    trigger: (model: string) => `Model: ${model} (change)`,
    pickerTitle: 'Choose a model',
    search: 'Search models',
    perRequest: '$0.04 / request',
    hourlyChannel: 'Channel of the hourly chart',
    allChannels: 'All channels',
    throughChannel: `requests through ${CHANNEL} in the last 24 hours`,
    bell: 'Announcements',
    bellUnread: (count: number) => `Announcements, ${count} unread`,
    dismiss: 'Dismiss announcement',
  },
  zh: {
    locale: 'zh-CN',
    composer: '消息',
    trigger: (model: string) => `模型：${model}（更换）`,
    pickerTitle: '选择模型',
    search: '搜索模型',
    perRequest: '$0.04 / 次',
    hourlyChannel: '每小时图表的渠道',
    allChannels: '全部渠道',
    throughChannel: `经 ${CHANNEL} 共`,
    bell: '公告',
    bellUnread: (count: number) => `公告，${count} 条未读`,
    dismiss: '关闭公告',
  },
} as const;
type Language = keyof typeof TEXT;

describeBrowser('console polish: model marks, fixed prices, the hourly channel filter, the announcements bell', () => {
  let h: ConsoleHarness;
  const failed: string[] = [];
  screenshotOnFailure(() => h);

  beforeAll(async () => {
    h = await startConsole();
    const channels = await h.adminApi<{ data: { baseUrl: string; type: string }[] }>('GET', '/api/admin/channels');
    const base = channels.data.find((channel) => channel.type === 'openai')?.baseUrl as string;
    await h.adminApi('POST', '/api/admin/channels', {
      name: CHANNEL,
      type: 'openai',
      baseUrl: base,
      keys: ['test-key'],
      models: [FIXED_MODEL],
    });
    const rules = await h.adminApi<{ models: Record<string, unknown> }>('GET', '/api/admin/prices');
    await h.adminApi('PUT', '/api/admin/prices', {
      ...rules,
      models: { ...rules.models, [FIXED_MODEL]: { fixed: { perRequest: 40_000 } } },
    });
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  async function open(language: Language): Promise<Page> {
    const page = await h.newPage({ locale: TEXT[language].locale });
    // Generous: the machine running the browser tests is shared.
    page.setDefaultTimeout(30_000);
    page.on('requestfailed', (request) => {
      // A navigation cancels the previous page's fetches; a stopped stream is not a failure either.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.method()} ${request.url()}`);
    });
    page.on('response', (response) => {
      // Before signing in the console asks who is signed in: a 401 is its answer.
      if (response.status() === 401 && response.url().endsWith('/api/auth/me')) return;
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    return page;
  }

  async function expectChinese(page: Page, language: Language): Promise<void> {
    if (language !== 'zh') return;
    await page.waitForLoadState('networkidle');
    // The signed-out pages' language switch names each language in itself ("English").
    expect((await englishWordsOn(page)).filter((word) => word !== 'English')).toEqual([]);
  }

  const lastReply = (page: Page) => page.getByTestId('assistant-message').last();

  async function send(page: Page, language: Language, text: string): Promise<void> {
    const composer = page.getByRole('textbox', { name: TEXT[language].composer, exact: true });
    await composer.fill(text);
    await composer.press('Enter');
  }

  async function chooseModel(page: Page, language: Language, model: string): Promise<string> {
    const text = TEXT[language];
    await page.getByRole('button', { name: /^(Model: .* \(change\)|模型：.*（更换）)$/ }).click();
    const dialog = page.getByRole('dialog', { name: text.pickerTitle });
    await dialog.getByRole('combobox', { name: text.search }).fill(model);
    const option = dialog.getByRole('option').filter({ has: page.getByText(model, { exact: true }) });
    const row = (await option.textContent()) ?? '';
    await option.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: text.trigger(model) }).waitFor();
    return row;
  }

  for (const language of ['en', 'zh'] as const) {
    it(`marks a reply with its model's vendor while it streams and after (${language})`, async () => {
      const page = await open(language);
      await h.registerUser(page);
      await chooseModel(page, language, 'gpt-4.1-mini');
      const pickerMark = await page
        .getByRole('button', { name: TEXT[language].trigger('gpt-4.1-mini') })
        .getByTestId('provider-mark')
        .getAttribute('data-provider');
      expect(pickerMark).toBe('openai');

      h.gateway.openai.enqueue({ text: '一 二 三 四 五 六', chunkCount: 6, chunkDelayMs: 300 });
      await send(page, language, '慢慢数');
      const reply = lastReply(page);
      await expect.poll(() => reply.getAttribute('data-status')).toBe('streaming');
      const streamingMark = await reply.getByTestId('provider-mark').getAttribute('data-provider');
      await expect.poll(() => reply.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
      const doneMark = await reply.getByTestId('provider-mark').getAttribute('data-provider');
      expect({ streamingMark, doneMark }).toEqual({ streamingMark: pickerMark, doneMark: pickerMark });
      expect(await reply.getByTestId('provider-mark').textContent()).toBe('o');
      await expectChinese(page, language);
      expect(h.pageErrors.join('\n')).toBe('');
      expect(failed.join('\n')).toBe('');
    }, 180_000);

    it(`shows a fixed per-request price in the picker, the Models page, /pricing and the reply's cost (${language})`, async () => {
      const text = TEXT[language];
      // The channel list does not call the model unpriced.
      const channels = await h.adminApi<{ data: { name: string; unpricedModels: string[] }[] }>(
        'GET',
        '/api/admin/channels',
      );
      expect(channels.data.find((channel) => channel.name === CHANNEL)?.unpricedModels).toEqual([]);

      // Signed out: the public price list.
      const visitor = await open(language);
      await visitor.goto(`${h.origin}/pricing`);
      const publicRow = visitor.getByRole('row').filter({ hasText: FIXED_MODEL });
      await expect.poll(() => publicRow.getByTestId('unit-price').textContent()).toContain(text.perRequest);
      await expectChinese(visitor, language);

      const page = await open(language);
      await h.registerUser(page);
      const row = await chooseModel(page, language, FIXED_MODEL);
      expect(row).toContain(text.perRequest);

      h.gateway.openai.enqueue({ text: '按次计费的回答' });
      await send(page, language, '这要多少钱？');
      const reply = lastReply(page);
      await expect.poll(() => reply.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
      const cost = reply.getByTestId('reply-cost');
      await expect.poll(() => cost.getAttribute('data-cost-source'), { timeout: 10_000 }).toBe('log');
      expect(await cost.getAttribute('data-cost-units')).toBe('40000');
      expect(await cost.textContent()).toContain('$0.04');
      await expectChinese(page, language);

      await page.goto(`${h.origin}/models?q=${FIXED_MODEL}`);
      const modelRow = page.getByRole('row').filter({ hasText: FIXED_MODEL });
      await expect.poll(() => modelRow.getByTestId('unit-price').textContent()).toContain(text.perRequest);
      await screenshot(page, `models-fixed-price-${language}`);
      await expectChinese(page, language);
      expect(h.pageErrors.join('\n')).toBe('');
      expect(failed.join('\n')).toBe('');
    }, 180_000);

    it(`shows one channel's hours on the dashboard's hourly chart, kept in the URL (${language})`, async () => {
      const text = TEXT[language];
      const sum = async (query: string) =>
        (await h.adminApi<{ data: { requests: number }[] }>('GET', `/api/admin/dashboard/hourly${query}`)).data.reduce(
          (total, hour) => total + hour.requests,
          0,
        );
      // The log is written after the answer: wait until every request so far is in it, so the
      // figure the page must show is final.
      const before = await sum('');
      for (const model of [FIXED_MODEL, 'gpt-4o-mini']) {
        await h.adminApi('POST', '/v1/chat/completions', { model, messages: [{ role: 'user', content: 'Hi' }] });
      }
      await expect.poll(() => sum(''), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
      const throughChannel = await sum(`?channel=${CHANNEL}`);
      expect(await sum('')).toBeGreaterThan(throughChannel);

      const page = await open(language);
      await h.loginAsAdmin(page);
      await page.goto(`${h.origin}/admin`);
      const select = page.getByRole('combobox', { name: text.hourlyChannel });
      expect(await select.locator('option:checked').textContent()).toBe(text.allChannels);
      const asked = page.waitForRequest((request) =>
        request.url().includes(`/api/admin/dashboard/hourly?channel=${CHANNEL}`),
      );
      await select.selectOption(CHANNEL);
      await asked;
      await page.waitForURL((url) => url.searchParams.get('hourlyChannel') === CHANNEL);
      const summary = page.getByText(text.throughChannel);
      await expect.poll(() => summary.textContent()).toContain(String(throughChannel));

      // A reload (or a shared link) shows the same channel.
      await page.reload();
      await expect.poll(() => select.inputValue()).toBe(CHANNEL);
      await expect.poll(() => summary.textContent()).toContain(String(throughChannel));
      await expectChinese(page, language);

      await select.selectOption('');
      await page.waitForURL((url) => !url.searchParams.has('hourlyChannel'));
      expect(h.pageErrors.join('\n')).toBe('');
      expect(failed.join('\n')).toBe('');
    }, 180_000);
  }

  it('lists every live announcement under the bell, with an unread count that opening clears (en, zh)', async () => {
    const stamp = Date.now();
    const titles = { pinned: `Maintenance ${stamp}`, other: `New models ${stamp}` };
    await h.adminApi('POST', '/api/admin/announcements', {
      title: { en: titles.pinned, zh: `维护通知 ${stamp}` },
      body: { en: 'The relay restarts at **02:00**.', zh: '中继将在 **02:00** 重启。' },
      pinned: true,
    });
    await h.adminApi('POST', '/api/admin/announcements', {
      title: { en: titles.other, zh: `新模型 ${stamp}` },
      body: { en: 'Try them in the playground.', zh: '在试验场里试试。' },
    });

    const page = await open('en');
    await h.registerUser(page);
    const cards = page.locator('section').getByTestId('announcement');
    await cards.filter({ hasText: titles.pinned }).waitFor();
    await cards.filter({ hasText: titles.other }).waitFor();
    // Both unread.
    await page.getByRole('button', { name: TEXT.en.bellUnread(2) }).waitFor();
    expect(await page.getByTestId('announcement-unread').textContent()).toBe('2');

    // Dismissing a card reads it: one left unread; the card is gone.
    await cards.filter({ hasText: titles.other }).getByRole('button', { name: TEXT.en.dismiss }).click();
    await cards.filter({ hasText: titles.other }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: TEXT.en.bellUnread(1) }).click();

    // The list still has both, the pinned one first, its Markdown rendered.
    const list = page.getByTestId('announcement-list');
    const listed = list.getByTestId('announcement');
    await expect.poll(() => listed.count()).toBe(2);
    expect(await listed.first().textContent()).toContain(titles.pinned);
    expect(await listed.nth(1).textContent()).toContain(titles.other);
    expect(await listed.first().locator('strong').textContent()).toBe('02:00');
    await screenshot(page, 'announcement-bell');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    // Opened: nothing unread, and it stays so after a reload.
    await page.getByRole('button', { name: TEXT.en.bell, exact: true }).waitFor();
    expect(await page.getByTestId('announcement-unread').count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: TEXT.en.bell, exact: true }).waitFor();
    expect(await page.getByTestId('announcement-unread').count()).toBe(0);

    // In Chinese, for a new user: both unread, the list in Chinese.
    const chinese = await open('zh');
    await h.registerUser(chinese);
    await chinese.getByRole('button', { name: TEXT.zh.bellUnread(2) }).click();
    const zhList = chinese.getByTestId('announcement-list');
    await zhList.getByText(`维护通知 ${stamp}`).waitFor();
    await zhList.getByText(`新模型 ${stamp}`).waitFor();
    await expectChinese(chinese, 'zh');
    await chinese.keyboard.press('Escape');
    await chinese.getByRole('button', { name: TEXT.zh.bell, exact: true }).waitFor();
    expect(h.pageErrors.join('\n')).toBe('');
    expect(failed.join('\n')).toBe('');
  }, 180_000);
});
