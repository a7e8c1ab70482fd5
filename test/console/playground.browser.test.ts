/**
 * The playground in a real browser against a real AIHub with vendor emulators: choose a model in
 * the picker, stream a Markdown reply, see its tokens, cost (estimate, then the logged charge) and
 * latency, stop a slow stream, regenerate and edit, reasoning, images, "view code", compare mode,
 * errors in line, reload and new chat, phone and dark layouts, Chinese.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  PHONE_VIEWPORT,
  type RegisteredUser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

const MODEL = 'gpt-4.1-mini';
const MARKDOWN_REPLY = [
  'Here is **bold text** and a list:',
  '',
  '- first item',
  '- second item',
  '',
  '```python',
  'def greet(name):',
  '    return f"Hello, {name}!"',
  '```',
  '',
  '| Model | Speed |',
  '| --- | --- |',
  '| mini | fast |',
].join('\n');
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const composer = (page: Page) => page.getByRole('textbox', { name: /^(Message|消息)$/ });
const replies = (scope: Page | Locator) => scope.getByTestId('assistant-message');

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Opens the picker (the toolbar's, or the one given) and chooses `model`. */
async function chooseModel(page: Page, model: string, trigger?: Locator): Promise<void> {
  await (trigger ?? page.getByRole('button', { name: /^(Model: .* \(change\)|Choose a model)$/ })).click();
  const dialog = page.getByRole('dialog', { name: 'Choose a model' });
  await dialog.getByRole('combobox', { name: 'Search models' }).fill(model);
  await dialog
    .getByRole('option')
    .filter({ has: page.getByText(model, { exact: true }) })
    .click();
  await dialog.waitFor({ state: 'detached' });
}

/** Waits until the last reply has finished streaming and returns it. */
async function lastReply(scope: Page | Locator, status = 'done'): Promise<Locator> {
  const reply = replies(scope).last();
  await expect.poll(() => reply.getAttribute('data-status'), { timeout: 10_000 }).toBe(status);
  return reply;
}

describeBrowser('console: playground', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let user: RegisteredUser;
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
    page = await harness.newPage();
    user = await harness.registerUser(page);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the welcome screen with example prompts and a model already chosen', async () => {
    await page.getByRole('heading', { name: 'Try any model' }).waitFor();
    await page.getByRole('button', { name: /Explain a concept/ }).waitFor();
    // A default model is chosen once the list has loaded.
    await page.getByRole('button', { name: /^Model: .* \(change\)$/ }).waitFor();
  });

  it('chooses the emulator’s model in the searchable picker, with filters, prices and context windows', async () => {
    await page.getByRole('button', { name: /^Model: .* \(change\)$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a model' });
    await dialog.waitFor();
    // Filter by provider and capability.
    await dialog.getByRole('combobox', { name: 'Provider' }).selectOption('anthropic');
    await expect.poll(async () => (await dialog.getByRole('option').allTextContents()).join('\n')).toContain('claude');
    expect((await dialog.getByRole('option').allTextContents()).join('\n')).not.toContain('gpt-');
    await dialog.getByRole('combobox', { name: 'Provider' }).selectOption('');
    await dialog.getByRole('button', { name: 'Reasoning' }).click();
    const reasoningOnly = await dialog.getByRole('option').count();
    expect(reasoningOnly).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Reasoning' }).click();

    await dialog.getByRole('combobox', { name: 'Search models' }).fill(MODEL);
    const option = dialog.getByRole('option').filter({ has: page.getByText(MODEL, { exact: true }) });
    // Context window and price per 1M tokens are on the row.
    const text = await option.textContent();
    expect(text).toMatch(/context/);
    expect(text).toMatch(/\$\d[\d.]* \/ \$\d[\d.]*/);
    await option.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Model: ${MODEL} (change)` }).waitFor();
  });

  it('streams a Markdown reply with code highlighting, then shows tokens, cost and latency', async () => {
    harness.gateway.openai.enqueue({ text: MARKDOWN_REPLY, chunkCount: 8, chunkDelayMs: 40 });
    await send(page, 'Show me some markdown');
    await page.getByTestId('user-message').getByText('Show me some markdown').waitFor();

    const reply = await lastReply(page);
    await reply.locator('strong', { hasText: 'bold text' }).waitFor();
    await reply.getByRole('listitem').filter({ hasText: 'second item' }).waitFor();
    await reply.getByRole('cell', { name: 'fast' }).waitFor();
    // The code block is highlighted and has its own copy button.
    const code = reply.locator('pre code.hljs');
    expect(await code.textContent()).toContain('def greet(name):');
    expect(await code.locator('.hljs-keyword').count()).toBeGreaterThan(0);
    await reply.getByRole('button', { name: 'Copy' }).first().waitFor();

    // The request went to the emulator as a stream, with the message typed.
    const sent = harness.gateway.openai.requests.at(-1)!.body;
    expect(sent.stream).toBe(true);
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: 'Show me some markdown' });

    // Usage, latency, and the cost: the estimate at once, then the charge from the request log.
    const stats = reply.getByTestId('reply-stats');
    await stats.waitFor();
    expect(await stats.textContent()).toMatch(/\d+ in · \d+ out/);
    expect(await stats.textContent()).toMatch(/TTFT \d/);
    const cost = reply.getByTestId('reply-cost');
    await expect.poll(() => cost.getAttribute('data-cost-source'), { timeout: 10_000 }).toBe('log');
    const units = Number(await cost.getAttribute('data-cost-units'));
    expect(units).toBeGreaterThan(0);
    expect(await stats.textContent()).toContain('charged');
    await screenshot(page, 'playground');
  });

  it('stops a slow stream and keeps what arrived', async () => {
    const text = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    harness.gateway.openai.enqueue({ text, chunkCount: 40, chunkDelayMs: 250 });
    await send(page, 'Tell me a long story');
    const reply = replies(page).last();
    await reply.getByText(/word0/).waitFor();
    await page.getByRole('button', { name: 'Stop generating' }).click();
    await lastReply(page, 'stopped');
    await reply.getByText('Stopped').waitFor();
    const shown = (await reply.getByTestId('assistant-content').textContent()) ?? '';
    expect(shown).toContain('word0');
    expect(shown).not.toContain('word39');
    // The gateway let go of the upstream stream too.
    await harness.gateway.openai.waitForAborted(1, 5000);
    // The composer is ready again.
    await page.getByRole('button', { name: 'Send message' }).waitFor();
  });

  it('regenerates the last reply, edits a message and deletes one', async () => {
    await page.getByRole('button', { name: 'Regenerate' }).click();
    let reply = await lastReply(page);
    expect(await reply.textContent()).toContain('Hello from OpenAI emulator: Tell me a long story');

    // Edit the last user message: what followed is replaced by a new answer to the new text.
    const lastUser = page.getByTestId('user-message').last();
    await lastUser.hover();
    await lastUser.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit message' }).fill('A short story, please');
    await page.getByRole('button', { name: 'Save and send' }).click();
    reply = await lastReply(page);
    await reply.getByText('Hello from OpenAI emulator: A short story, please').waitFor();
    expect(await page.getByText('Tell me a long story').count()).toBe(0);

    const before = await replies(page).count();
    await reply.hover();
    await reply.getByRole('button', { name: 'Delete message' }).click();
    expect(await replies(page).count()).toBe(before - 1);
  });

  it('keeps the conversation across a reload; new chat clears it', async () => {
    await page.reload();
    await page.getByText('A short story, please').waitFor();
    expect(await page.getByText('bold text').count()).toBe(1);
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('heading', { name: 'Try any model' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Try any model' }).waitFor();
  });

  it('shows a reasoning model’s thinking, collapsible, with how long it thought', async () => {
    harness.gateway.deepseek.enqueue({
      reasoning: 'First, consider the question carefully.',
      text: 'The answer is 42.',
      chunkCount: 6,
      chunkDelayMs: 150,
    });
    await chooseModel(page, 'deepseek-reasoner');
    // Reasoning settings appear for a model that reasons.
    await page.getByRole('radio', { name: 'Effort' }).click();
    await page.getByRole('radio', { name: 'High' }).click();
    await send(page, 'What is the answer?');
    const reply = await lastReply(page);
    await reply.getByText('The answer is 42.').waitFor();
    const toggle = reply.getByRole('button', { name: /^Thought for \d+ seconds?$/ });
    await toggle.waitFor();
    // Folded once the answer came; opens on click.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await reply.getByText('First, consider the question carefully.').waitFor();
    expect(harness.gateway.deepseek.requests.at(-1)!.body).toMatchObject({ reasoning_effort: 'high' });
    await page.getByRole('radio', { name: 'Default', exact: true }).click();
  });

  it('shows tool calls with their name and arguments, and continues with the result typed in', async () => {
    await chooseModel(page, MODEL);
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('button', { name: 'Insert example' }).click();
    await send(page, 'What is the weather in Paris?');
    const reply = await lastReply(page);
    const call = reply.getByTestId('tool-call');
    await call.getByText('get_weather', { exact: true }).waitFor();
    expect(await call.locator('code.hljs').textContent()).toContain('"city": "Paris"');
    await call.getByRole('textbox').fill('{"temperature": 21}');
    await call.getByRole('button', { name: 'Send result' }).click();
    const next = await lastReply(page);
    await next.getByText(/tool result/).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'New chat' }).click();
  });

  it('attaches images for a vision model, and refuses files that are too large with a clear message', async () => {
    const input = page.locator('input[type=file]');
    await input.setInputFiles([
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) },
      { name: 'dot.png', mimeType: 'image/png', buffer: TINY_PNG },
    ]);
    await page.getByText('huge.png is 6.0 MB; images must be 5.0 MB or smaller.').waitFor();
    await page.getByRole('list', { name: 'Attached images' }).getByRole('img', { name: 'dot.png' }).waitFor();
    await send(page, 'What is in this image?');
    await lastReply(page);
    const content = harness.gateway.openai.requests.at(-1)!.body.messages.at(-1).content;
    expect(content[0]).toEqual({ type: 'text', text: 'What is in this image?' });
    expect(content[1].image_url.url).toMatch(/^data:image\/png;base64,iVBOR/);
    await page.getByTestId('user-message').getByRole('img', { name: 'dot.png' }).waitFor();
  });

  it('shows the conversation as code with this server’s base URL and no key', async () => {
    await page.getByRole('button', { name: 'View code' }).click();
    const dialog = page.getByRole('dialog', { name: 'View code' });
    await dialog.waitFor();
    const snippet = dialog.getByTestId('code-snippet');
    const curl = (await snippet.textContent()) ?? '';
    expect(curl).toContain(`curl -N '${harness.origin}/v1/chat/completions'`);
    expect(curl).toContain('Bearer $AIHUB_API_KEY');
    expect(curl).toContain('What is in this image?');
    expect(curl).toContain('<BASE64_IMAGE_DATA>');
    expect(curl).not.toMatch(/sk-[A-Za-z0-9]/);
    await screenshot(page, 'playground-code');

    await dialog.getByRole('tab', { name: 'Python (openai)' }).click();
    const python = (await snippet.textContent()) ?? '';
    expect(python).toContain(`base_url="${harness.origin}/v1"`);
    expect(python).toContain('os.environ["AIHUB_API_KEY"]');
    expect(python).not.toMatch(/sk-[A-Za-z0-9]/);
    await dialog.getByRole('tab', { name: 'Node.js (fetch)' }).click();
    expect(await snippet.textContent()).toContain('process.env.AIHUB_API_KEY');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'New chat' }).click();
  });

  it('compares two models side by side on the same prompt', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const columns = page.getByTestId('chat-column');
    await expect.poll(() => columns.count()).toBe(2);
    await chooseModel(page, 'claude-haiku-4-5', columns.nth(1).getByRole('button', { name: /^Model: / }));
    // Claude writes the prompt cache with both lifetimes: the reply's usage line shows the split.
    harness.gateway.anthropic.enqueue({
      usage: { inputTokens: 1200, outputTokens: 30, cachedTokens: 100, cacheWriteTokens: 800, cacheWrite1hTokens: 500 },
    });
    await send(page, 'Hello both');
    const first = await lastReply(columns.nth(0));
    const second = await lastReply(columns.nth(1));
    await first.getByText('Hello from OpenAI emulator: Hello both').waitFor();
    await second.getByText('Hello from Anthropic emulator: Hello both').waitFor();
    await first.getByTestId('reply-stats').waitFor();
    const secondStats = second.getByTestId('reply-stats');
    await secondStats.waitFor();
    expect(await secondStats.textContent()).toContain('1,200 in · 30 out');
    expect(await second.getByTestId('reply-cache-write-5m').textContent()).toContain('(300 cache write, 5 min)');
    expect(await second.getByTestId('reply-cache-write-1h').textContent()).toContain('(500 cache write, 1 h)');
    expect(await first.getByTestId('reply-cache-write-1h').count()).toBe(0);
    await expect
      .poll(() => second.getByTestId('reply-cost').getAttribute('data-cost-source'), { timeout: 10_000 })
      .toBe('log');
    await screenshot(page, 'playground-compare');

    await columns.nth(1).getByRole('button', { name: 'Remove model 2' }).click();
    await expect.poll(() => columns.count()).toBe(1);
    await page.getByRole('button', { name: 'New chat' }).click();
  });

  it('explains errors in line: too little balance links to billing, a rate limit says when to retry', async () => {
    const me = (await page.evaluate(() => fetch('/api/auth/me').then((response) => response.json()))) as {
      user: { id: string; balance: number };
    };
    await harness.adminApi('POST', `/api/admin/users/${me.user.id}/adjust`, {
      amount: -me.user.balance,
      reason: 'playground test: empty balance',
    });
    await send(page, 'Am I broke?');
    const broke = await lastReply(page, 'error');
    await broke.getByText('Your balance is too low for this request').waitFor();
    await broke.getByRole('link', { name: 'Top up balance' }).waitFor();
    await harness.adminApi('POST', `/api/admin/users/${me.user.id}/adjust`, {
      amount: me.user.balance,
      reason: 'playground test: refill',
    });

    harness.gateway.openai.setScript({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 30 } });
    try {
      await page.getByRole('button', { name: 'New chat' }).click();
      await send(page, 'Too fast?');
      const limited = await lastReply(page, 'error');
      await limited.getByText('Too many requests').waitFor();
      await limited.getByRole('button', { name: /^Retry in \d+ s$/ }).waitFor();
    } finally {
      harness.gateway.openai.setScript(undefined);
    }
    await page.getByRole('button', { name: 'New chat' }).click();
  });

  it('switches to Chinese: the playground’s labels follow', async () => {
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('heading', { name: '试试任意模型' }).waitFor();
    await page.getByRole('button', { name: '对比', exact: true }).waitFor();
    await page.getByRole('button', { name: '查看代码' }).waitFor();
    await page.getByRole('textbox', { name: '消息' }).waitFor();
    expect(await page.getByPlaceholder('输入消息…').count()).toBe(1);
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Try any model' }).waitFor();
  });

  it('lays out for a phone: settings in a drawer', async () => {
    const phone = await harness.newPage({ viewport: PHONE_VIEWPORT });
    await harness.login(phone, user);
    await phone.goto('/playground');
    await phone.getByRole('heading', { name: 'Try any model' }).waitFor();
    await send(phone, 'Hello from a phone');
    await lastReply(phone);
    await screenshot(phone, 'playground-phone');
    await phone.getByRole('button', { name: 'Settings' }).click();
    const drawer = phone.getByRole('dialog', { name: 'Settings' });
    await drawer.getByLabel('System prompt').waitFor();
    await drawer.getByRole('button', { name: 'Close' }).click();
  });

  it('looks right in the dark theme', async () => {
    const dark = await harness.newPage({ colorScheme: 'dark' });
    await harness.login(dark, user);
    await dark.goto('/playground');
    harness.gateway.openai.enqueue({ text: MARKDOWN_REPLY });
    await send(dark, 'Markdown in the dark');
    await lastReply(dark);
    await dark.getByTestId('reply-stats').waitFor();
    await screenshot(dark, 'playground-dark');
  });

  it('raised no uncaught errors in any page', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
