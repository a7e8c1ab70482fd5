import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  type RegisteredUser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

/**
 * The "Use with…" page (issue 12) against the real gateway, in English and Chinese: a key created
 * for Claude Code is filled into its snippets with this server's address, really works on /v1, and
 * the copy button copies exactly what is shown; choosing a GPT model says AIHub translates; the
 * Codex tab points a Responses provider at {origin}/v1; an operator's public base URL replaces
 * the browser's origin.
 */

const KEY_PATTERN = /ANTHROPIC_AUTH_TOKEN='(sk-[0-9A-Za-z]{48})'/;

describeBrowser('console: Use with… recipes', () => {
  let h: ConsoleHarness;
  let page: Page;
  let user: RegisteredUser;
  screenshotOnFailure(() => h);

  const snippetText = (target: Page, id: string) =>
    target.getByTestId(`recipe-snippet-${id}`).locator('pre').textContent();
  const v1Status = async (key: string) =>
    (await fetch(`${h.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status;

  beforeAll(async () => {
    h = await startConsole();
    page = await h.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    user = await h.registerUser(page, { displayName: 'Ada' });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('opens from the nav with a placeholder where the key goes, and the recommended Claude models', async () => {
    await page.getByRole('link', { name: 'Use with…', exact: true }).click();
    await heading(page, 'Use with…').waitFor();
    await page.getByRole('tab', { name: 'Claude Code', selected: true }).waitFor();
    await page.getByRole('button', { name: 'Model: claude-sonnet-4-5 (change)' }).waitFor();
    await page.getByRole('button', { name: /^Model: claude-haiku\S* \(change\)$/ }).waitFor();
    const shell = (await snippetText(page, 'shell')) ?? '';
    expect(shell).toContain("ANTHROPIC_AUTH_TOKEN='<YOUR_AIHUB_KEY>'");
    expect(shell).toContain(`ANTHROPIC_BASE_URL='${h.origin}'`);
    expect(shell).toContain("ANTHROPIC_MODEL='claude-sonnet-4-5'");
    expect(shell).toMatch(/ANTHROPIC_SMALL_FAST_MODEL='claude-haiku[^']*'/);
    expect(await page.getByTestId('recipe-origin').textContent()).toBe(h.origin);
  });

  it('creates a key named after the client, fills it into every snippet, and the key works', async () => {
    await page.getByRole('button', { name: 'Create a key for Claude Code' }).click();
    await page.getByText('Key "Claude Code" created and filled in below.').waitFor();
    const shell = (await snippetText(page, 'shell')) ?? '';
    const key = KEY_PATTERN.exec(shell)?.[1];
    expect(key, shell).toBeDefined();
    expect(shell).toContain(`ANTHROPIC_BASE_URL='${h.origin}'`);
    const settings = JSON.parse((await snippetText(page, 'claude-settings')) ?? '');
    expect(settings.env).toMatchObject({ ANTHROPIC_AUTH_TOKEN: key, ANTHROPIC_BASE_URL: h.origin });
    expect(await v1Status(key!)).toBe(200);

    // Copy gives exactly the snippet on screen.
    await page.getByTestId('recipe-snippet-shell').getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shell);
    await screenshot(page, 'recipes-claude-code');
  });

  it('lets Claude Code use a GPT model, and says that AIHub translates', async () => {
    await page.getByRole('button', { name: 'Model: claude-sonnet-4-5 (change)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a model' });
    await dialog.getByRole('combobox', { name: 'Search models' }).fill('gpt-4o');
    await dialog
      .getByRole('option')
      .filter({ has: page.getByText('gpt-4o', { exact: true }) })
      .click();
    await page.getByText(/gpt-4o is not a Claude model: AIHub translates Claude Code's requests/).waitFor();
    const shell = (await snippetText(page, 'shell')) ?? '';
    expect(shell).toContain("ANTHROPIC_MODEL='gpt-4o'");
    // The background model follows the family of the main one.
    expect(shell).toContain("ANTHROPIC_DEFAULT_HAIKU_MODEL='gpt-4o-mini'");
  });

  it('points Codex at a Responses provider on {origin}/v1, with the same key', async () => {
    await page.getByRole('tab', { name: 'Codex CLI' }).click();
    await page.waitForURL(/client=codex/);
    const config = (await snippetText(page, 'codex-config')) ?? '';
    expect(config).toContain(`base_url = "${h.origin}/v1"`);
    expect(config).toContain('wire_api = "responses"');
    expect(config).toContain('env_key = "AIHUB_API_KEY"');
    expect(await snippetText(page, 'shell')).toMatch(/export AIHUB_API_KEY='sk-[0-9A-Za-z]{48}'/);
  });

  it('keeps the key and the snippets when the language switches to Chinese', async () => {
    await page.getByRole('tab', { name: 'Claude Code' }).click();
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await heading(page, '接入指南').waitFor();
    await page.getByRole('link', { name: '接入指南', exact: true }).waitFor();
    const shell = (await snippetText(page, 'shell')) ?? '';
    expect(shell).toMatch(KEY_PATTERN);
    expect(shell).toContain(`ANTHROPIC_BASE_URL='${h.origin}'`);
  });

  it('in Chinese from the start: creates a key for Claude Code and fills it in', async () => {
    const zh = await h.newPage({ locale: 'zh-CN' });
    await h.login(zh, user);
    await zh.goto('/use-with');
    await heading(zh, '接入指南').waitFor();
    await zh.getByText('还没有密钥').waitFor();
    await zh.getByRole('button', { name: '为 Claude Code 创建密钥' }).click();
    await zh.getByText('密钥「Claude Code」已创建并填入下方配置。', { exact: false }).waitFor();
    const shell = (await snippetText(zh, 'shell')) ?? '';
    const key = KEY_PATTERN.exec(shell)?.[1];
    expect(key, shell).toBeDefined();
    expect(shell).toContain(`ANTHROPIC_BASE_URL='${h.origin}'`);
    expect(await v1Status(key!)).toBe(200);
    await screenshot(zh, 'recipes-claude-code-zh');
  });

  it("uses the operator's public base URL when one is set", async () => {
    await h.adminApi('PATCH', '/api/admin/settings', { publicBaseUrl: 'https://ai.example.com/v1/' });
    const fresh = await h.newPage();
    await h.login(fresh, user);
    await fresh.goto('/use-with?client=gemini-cli');
    await fresh.getByRole('tab', { name: 'Gemini CLI', selected: true }).waitFor();
    await expect.poll(() => fresh.getByTestId('recipe-origin').textContent()).toBe('https://ai.example.com');
    expect(await snippetText(fresh, 'shell')).toContain("GOOGLE_GEMINI_BASE_URL='https://ai.example.com'");
    await h.adminApi('PATCH', '/api/admin/settings', { publicBaseUrl: '' });
  });

  it('raised no page errors', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
