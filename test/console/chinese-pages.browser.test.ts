/**
 * The console in Chinese has no English left in it (issue 15): every page a user and an
 * administrator open, scanned for English words outside code, model ids and names
 * (untranslated-text.ts), with no uncaught page errors.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConsoleHarness, describeBrowser, screenshotOnFailure, startConsole } from './console-harness.js';
import { englishWordsOn } from './untranslated-text.js';

const USER_PAGES = [
  '/playground',
  '/models',
  '/use-with',
  '/keys',
  '/presets',
  '/usage',
  '/logs',
  '/billing',
  '/plans',
  '/account',
];
const ADMIN_PAGES = [
  '/admin',
  '/admin/margins',
  '/admin/channels',
  '/admin/users',
  '/admin/keys',
  '/admin/announcements',
  '/admin/redemptions',
  '/admin/plans',
  '/admin/payments',
  '/admin/prices',
  '/admin/settings',
];

describeBrowser('the console in Chinese', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(async () => {
    await h?.close();
  });
  screenshotOnFailure(() => h);

  async function scan(
    pages: string[],
    signIn: (page: Awaited<ReturnType<ConsoleHarness['newPage']>>) => Promise<void>,
  ) {
    const page = await h.newPage({ locale: 'zh-CN' });
    await signIn(page);
    const english: Record<string, string[]> = {};
    for (const path of pages) {
      await page.goto(path);
      await page.locator('main h1, main [role="heading"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const words = await englishWordsOn(page);
      if (words.length > 0) english[path] = words;
    }
    return english;
  }

  it('shows a user no English outside code, model ids and names', async () => {
    const english = await scan(USER_PAGES, async (page) => {
      await h.registerUser(page);
    });
    expect(english).toEqual({});
    expect(h.pageErrors).toEqual([]);
  });

  it('shows an administrator no English either', async () => {
    const english = await scan(ADMIN_PAGES, (page) => h.loginAsAdmin(page));
    expect(english).toEqual({});
    expect(h.pageErrors).toEqual([]);
  });
});
