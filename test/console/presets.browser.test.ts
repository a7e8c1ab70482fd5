/**
 * The presets page (/presets): a user saves a preset through the form, calls the relay with
 * `model: "@preset/<name>"` and the upstream receives what the preset says (model, system prompt,
 * parameters); edits and deletes take effect on the next call; the server's refusal of a field is
 * shown under that field; an administrator's shared preset is read-only to users; the page holds
 * on a phone and in Chinese.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RecordedRequest } from '../emulators/types.js';
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

const RAW_KEY = /\b(form|item|usage|toast|empty|delete|orderedModels)\.[a-zA-Z.]+/;

describeBrowser('console: presets', () => {
  let h: ConsoleHarness;
  let user: Page;
  let userKey: string;
  screenshotOnFailure(() => h);

  const chat = (model: string, key = userKey) =>
    fetch(`${h.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
    });
  /** The body the OpenAI emulator last received for a chat completion. */
  const lastUpstream = (): RecordedRequest['body'] =>
    h.gateway.openai.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1)?.body;

  beforeAll(async () => {
    h = await startConsole();
    user = await h.newPage();
    await h.registerUser(user);
    // A key of the user's own, through the keys page.
    await user.goto('/keys');
    await user.getByRole('button', { name: 'Create your first key' }).first().click();
    const form = user.getByRole('dialog');
    await form.getByLabel('Name', { exact: true }).fill('presets');
    await form.getByRole('button', { name: 'Create key' }).click();
    userKey = (await user.getByTestId('new-key').textContent())!.trim();
    // Leaving the page closes the "shown once" dialog.
    await user.goto('/playground');
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('creates a preset in the form, and a call to @preset/<name> gets its model, prompt and parameters', async () => {
    await user.getByRole('link', { name: 'Presets', exact: true }).click();
    await heading(user, 'Presets').waitFor();
    await user.getByText('No presets yet').waitFor();
    await user.getByRole('button', { name: 'Create your first preset' }).click();
    const form = user.getByRole('dialog', { name: 'New preset' });
    await form.waitFor();

    // The form's own checks first.
    await form.getByRole('button', { name: 'Create preset' }).click();
    await form.getByText('Give the preset a name.').waitFor();
    await form.getByText('Name at least one model.').waitFor();

    await form.getByLabel('Name', { exact: true }).fill('terse-writer');
    await form.getByText('Called as “@preset/terse-writer”.').waitFor();
    await form.getByLabel(/^Description/).fill('One-word answers');
    await form.getByLabel('Models: first choice').fill('gpt-4.1-mini');
    await form.getByRole('button', { name: 'Add a fallback' }).click();
    await form.getByLabel('Models: fallback 1').fill('gpt-4o-mini');
    // Reordered: gpt-4o-mini first, gpt-4.1-mini its fallback.
    await form.getByRole('button', { name: 'Move gpt-4o-mini up' }).click();
    expect(await form.getByLabel('Models: first choice').inputValue()).toBe('gpt-4o-mini');
    expect(await form.getByLabel('Models: fallback 1').inputValue()).toBe('gpt-4.1-mini');
    await form.getByLabel(/^System prompt/).fill('Answer in one word.');

    await form.getByRole('button', { name: /^Parameters/ }).click();
    await form.getByLabel(/^Temperature/).fill('0.3');
    await form.getByLabel(/^Maximum output tokens/).fill('77');
    await form.getByRole('button', { name: /^Provider preferences/ }).click();
    await form.getByLabel(/^Sort by/).selectOption('latency');
    await form.getByRole('button', { name: /^Advanced \(JSON\)/ }).click();
    // The server refuses a temperature of 5 sent through the JSON field: its message shows under Temperature.
    await form.getByLabel(/^Extra fields/).fill('{"params": {"temperature": 5}}');
    await form.getByRole('button', { name: 'Create preset' }).click();
    await form.getByText(/Invalid value for 'params\.temperature'/).waitFor();
    await form
      .getByLabel(/^Extra fields/)
      .fill('{"params": {"response_format": {"type": "json_object"}}, "provider": {"data_collection": "deny"}}');
    expect(await user.locator('body').textContent()).not.toMatch(RAW_KEY);
    await screenshot(user, 'presets-form');
    await form.getByRole('button', { name: 'Create preset' }).click();
    await user.getByText('Preset terse-writer created').waitFor();
    await form.waitFor({ state: 'hidden' });

    const item = user.getByTestId('preset-item').filter({ hasText: 'terse-writer' });
    expect(await item.getByTestId('preset-call').textContent()).toBe('"model": "@preset/terse-writer"');
    expect(await item.textContent()).toContain('One-word answers');
    expect(await user.getByTestId('preset-snippet').textContent()).toContain('"model": "@preset/terse-writer"');
    await screenshot(user, 'presets-list');

    const answer = await chat('@preset/terse-writer');
    expect(answer.status).toBe(200);
    const sent = lastUpstream();
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.messages[0]).toMatchObject({ role: 'system', content: 'Answer in one word.' });
    expect(sent.temperature).toBe(0.3);
    expect(sent.max_tokens ?? sent.max_completion_tokens).toBe(77);
    expect(sent.response_format).toEqual({ type: 'json_object' });
  });

  it('edits the preset: the fallback and the system prompt removed, the next call follows', async () => {
    const item = user.getByTestId('preset-item').filter({ hasText: 'terse-writer' });
    await item.getByRole('button', { name: 'Actions for terse-writer' }).click();
    await user.getByRole('menuitem', { name: 'Edit' }).click();
    const form = user.getByRole('dialog', { name: 'Edit preset terse-writer' });
    await form.waitFor();
    // The saved values are back in the form; what it has no control for is in the JSON field.
    expect(await form.getByLabel(/^Temperature/).inputValue()).toBe('0.3');
    expect(JSON.parse(await form.getByLabel(/^Extra fields/).inputValue())).toEqual({
      params: { response_format: { type: 'json_object' } },
      provider: { data_collection: 'deny' },
    });
    await form.getByRole('button', { name: 'Remove gpt-4.1-mini' }).click();
    await form.getByLabel(/^System prompt/).fill('');
    await form.getByLabel(/^Temperature/).fill('0.9');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await user.getByText('Preset terse-writer saved').waitFor();

    expect((await chat('@preset/terse-writer')).status).toBe(200);
    const sent = lastUpstream();
    expect(sent.messages.some((message: { role: string }) => message.role === 'system')).toBe(false);
    expect(sent.temperature).toBe(0.9);
    const [preset] = (await (await user.request.get('/api/presets')).json()).data;
    expect(preset.system).toBe('');
    expect(await item.textContent()).not.toContain('gpt-4.1-mini');
  });

  it('an administrator’s shared preset is callable by users and read-only to them', async () => {
    const admin = await h.newPage();
    await h.loginAsAdmin(admin);
    await admin.goto('/presets');
    await admin
      .getByRole('button', { name: /^(New preset|Create your first preset)$/ })
      .first()
      .click();
    const form = admin.getByRole('dialog', { name: 'New preset' });
    await form.getByLabel('Name', { exact: true }).fill('house-style');
    await form.getByLabel('Models: first choice').fill('gpt-4o-mini');
    await form.getByLabel(/^System prompt/).fill('Use British spelling.');
    await form.getByLabel('Share with every user').click();
    await form.getByRole('button', { name: 'Create preset' }).click();
    await admin.getByText('Preset house-style created').waitFor();
    const adminItem = admin.getByTestId('preset-item').filter({ hasText: 'house-style' });
    await adminItem.getByText('Shared by the operator').waitFor();

    await user.reload();
    const shared = user.getByTestId('preset-item').filter({ hasText: 'house-style' });
    await shared.getByText('Shared by the operator').waitFor();
    await shared.getByRole('button', { name: 'Actions for house-style' }).click();
    await user.getByRole('menuitem', { name: 'Duplicate' }).waitFor();
    expect(await user.getByRole('menuitem', { name: 'Edit' }).count()).toBe(0);
    expect(await user.getByRole('menuitem', { name: 'Delete' }).count()).toBe(0);
    await user.keyboard.press('Escape');

    expect((await chat('@preset/house-style')).status).toBe(200);
    expect(lastUpstream().messages[0]).toMatchObject({ role: 'system', content: 'Use British spelling.' });
    await admin.context().close();
  });

  it('deletes a preset: calling it is then a 404', async () => {
    const item = user.getByTestId('preset-item').filter({ hasText: 'terse-writer' });
    await item.getByRole('button', { name: 'Actions for terse-writer' }).click();
    await user.getByRole('menuitem', { name: 'Delete' }).click();
    await user.getByRole('button', { name: 'Delete preset' }).click();
    await user.getByText('Preset terse-writer deleted').waitFor();
    await item.waitFor({ state: 'detached' });
    const refused = await chat('@preset/terse-writer');
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('preset_not_found');
  });

  it('fits a phone and reads in Chinese', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.registerUser(phone);
    await phone.goto('/presets');
    await heading(phone, '预设').waitFor();
    await phone.getByText('运营方共享').first().waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await englishWordsOn(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.getByRole('button', { name: '新建预设' }).click();
    await phone.getByRole('dialog', { name: '新建预设' }).waitFor();
    expect(await phone.locator('body').textContent()).not.toMatch(RAW_KEY);
    await screenshot(phone, 'presets-phone-zh');
    expect(h.pageErrors).toEqual([]);
  });
});
