/**
 * The model aliases editor on /admin/settings (settings key `modelAliases`): an administrator
 * adds an alias with an ordered list and a key group's own list, the form refuses what the server
 * would, the saved alias is listed in /v1/models and served by its first model, reordering
 * changes which model serves, and removing it takes it out of /v1/models.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';
import { englishWordsOn } from './untranslated-text.js';

describeBrowser('console: model aliases', () => {
  let h: ConsoleHarness;
  let admin: Page;
  screenshotOnFailure(() => h);

  const listedModels = async (): Promise<string[]> => {
    const response = await fetch(`${h.origin}/v1/models`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
  };
  /** Calls the alias; resolves to the model the upstream was asked for. */
  const servedModel = async (alias: string): Promise<string> => {
    const response = await fetch(`${h.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: alias, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    return h.gateway.openai.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1)?.body.model;
  };

  beforeAll(async () => {
    h = await startConsole();
    await h.adminApi('PATCH', '/api/admin/settings', {
      keyGroups: [{ name: 'vip', description: 'Priority', selectable: true }],
    });
    admin = await h.newPage();
    await h.loginAsAdmin(admin);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('adds an alias with a fallback and a key group list; it shows in /v1/models and its first model serves', async () => {
    await admin.goto('/admin/settings');
    await heading(admin, 'Settings').waitFor();
    const card = admin.locator('form', { has: admin.getByRole('heading', { name: 'Model aliases' }) });
    await card.getByText(/No aliases yet/).waitFor();
    await card.getByRole('button', { name: 'Add alias' }).click();

    // An empty alias is refused by the form, field by field.
    await card.getByRole('button', { name: 'Save aliases' }).click();
    await card.getByText('Give the alias a name.').waitFor();
    await card.getByText('Name at least one model.').waitFor();
    await card.getByLabel('Alias', { exact: true }).fill('bad name');
    await card.getByRole('button', { name: 'Save aliases' }).click();
    await card.getByText('Letters, digits and . _ - @ only (at most 64).').waitFor();

    await card.getByLabel('Alias', { exact: true }).fill('fast');
    await card.getByLabel(/^Description/).fill('Quick answers');
    await card.getByLabel('Models of fast: first choice').fill('gpt-4.1-mini');
    await card.getByRole('button', { name: 'Add a fallback' }).click();
    await card.getByLabel('Models of fast: fallback 1').fill('gpt-4o-mini');
    await card.getByRole('button', { name: 'Move gpt-4o-mini up' }).click();
    expect(await card.getByLabel('Models of fast: first choice').inputValue()).toBe('gpt-4o-mini');

    await card.getByRole('button', { name: 'Add a key group list' }).click();
    await card.getByLabel('Key group').fill('vip');
    await card.getByLabel('Models of fast for vip: first choice').fill('gpt-4.1-mini');
    await card.getByText('Unsaved changes').waitFor();
    await screenshot(admin, 'model-aliases-form');
    await card.getByRole('button', { name: 'Save aliases' }).click();
    await admin.getByText('Model aliases saved').waitFor();

    const stored = await h.adminApi<{ modelAliases: unknown }>('GET', '/api/admin/settings');
    expect(stored.modelAliases).toEqual({
      fast: {
        models: ['gpt-4o-mini', 'gpt-4.1-mini'],
        groups: { vip: ['gpt-4.1-mini'] },
        description: 'Quick answers',
      },
    });
    expect(await listedModels()).toContain('fast');
    expect(await servedModel('fast')).toBe('gpt-4o-mini');
  });

  it('keeps the aliases across a reload; a reorder changes which model serves', async () => {
    await admin.reload();
    const card = admin.locator('form', { has: admin.getByRole('heading', { name: 'Model aliases' }) });
    expect(await card.getByLabel('Models of fast: first choice').inputValue()).toBe('gpt-4o-mini');
    await card.getByRole('button', { name: 'Move gpt-4.1-mini up' }).first().click();
    await card.getByRole('button', { name: 'Save aliases' }).click();
    await admin.getByText('Model aliases saved').waitFor();
    expect(await servedModel('fast')).toBe('gpt-4.1-mini');
  });

  it('reads in Chinese and fits a phone', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.loginAsAdmin(phone);
    await phone.goto('/admin/settings');
    await phone.getByRole('heading', { name: '模型别名' }).waitFor();
    await phone.getByRole('button', { name: '添加别名' }).waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await englishWordsOn(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.getByRole('heading', { name: '模型别名' }).scrollIntoViewIfNeeded();
    await screenshot(phone, 'model-aliases-phone-zh');
    await phone.context().close();
  });

  it('removes the alias: it leaves /v1/models', async () => {
    const card = admin.locator('form', { has: admin.getByRole('heading', { name: 'Model aliases' }) });
    await card.getByRole('button', { name: 'Remove alias fast' }).click();
    await card.getByRole('button', { name: 'Save aliases' }).click();
    await admin.getByText('Model aliases saved').waitFor();
    await card.getByText(/No aliases yet/).waitFor();
    expect(await listedModels()).not.toContain('fast');
    expect(h.pageErrors).toEqual([]);
  });
});
