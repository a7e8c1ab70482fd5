import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach, describe, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from '../e2e/gateway-harness.js';
import { CONSOLE_DIR, ensureConsoleBuilt, ROOT } from './build-console.js';

/**
 * Browser tests of the web console: the real AIHub server (with the OpenAI, Anthropic and Gemini
 * emulators as channels, see test/e2e/gateway-harness.ts) serving the BUILT console from dist/web
 * (vitest's global setup builds it when missing or stale), driven by Debian's Chromium through
 * playwright-core. Name the files `*.browser.test.ts`.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN_EMAIL = 'admin@aihub.local';
export const ADMIN_PASSWORD = 'admin-console-password';
export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

const chromiumFound = existsSync(CHROMIUM_PATH);

/**
 * `describe` for browser tests. Without Chromium: in CI (`CI=true`) one failing test says so;
 * elsewhere the suite is skipped with a message.
 */
export const describeBrowser: typeof describe = (() => {
  if (chromiumFound) return describe;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    return ((name: string) =>
      describe(name, () => {
        it('needs Chromium', () => {
          throw new Error(message);
        });
      })) as unknown as typeof describe;
  }
  console.warn(`[console tests skipped] ${message}`);
  return describe.skip as unknown as typeof describe;
})();

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Browser language (default en-US): the console detects it on the first visit. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
}

export interface RegisteredUser {
  email: string;
  password: string;
}

export interface ConsoleHarness {
  gateway: Gateway;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  browser: Browser;
  /** A page in a fresh browser context (own cookies and storage), at about:blank. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Signs up through the form at /register; resolves on the playground, logged in. */
  registerUser(page: Page, user?: Partial<RegisteredUser> & { displayName?: string }): Promise<RegisteredUser>;
  /** Logs in through the form at /login; resolves once the console shows. */
  login(page: Page, user: RegisteredUser): Promise<void>;
  /** Logs in as the bootstrap administrator (its password is set once through the admin API with the admin key). */
  loginAsAdmin(page: Page): Promise<void>;
  /** Calls the REST API with the admin key (set-up: settings, balances, channels). */
  adminApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Uncaught errors of every page opened so far (assert it stays empty). */
  pageErrors: string[];
  /** Every page opened so far, still open. */
  pages(): Page[];
  close(): Promise<void>;
}

let emailCounter = 0;

/** A unique address per call: tests in one server never collide. */
export function uniqueEmail(prefix = 'user'): string {
  emailCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${emailCounter}@example.com`;
}

/** The page's <html lang> (`en`, `zh-CN`): the console sets it from the chosen language. */
/** The page's main heading (h1) with this name. */
export function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

export function htmlLang(page: Page): Promise<string> {
  return page.evaluate('document.documentElement.lang') as Promise<string>;
}

/** Whether the dark theme is on (`class="dark"` on <html>). */
export function isDarkTheme(page: Page): Promise<boolean> {
  return page.evaluate("document.documentElement.classList.contains('dark')") as Promise<boolean>;
}

/** Writes a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Call inside a describeBrowser block: when a test fails, every open page is saved to
 * test-results/screenshots/FAILED-<test>-<n>.png.
 */
export function screenshotOnFailure(getHarness: () => ConsoleHarness | undefined): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    const pages = getHarness()?.pages() ?? [];
    for (const [index, page] of pages.entries()) {
      await screenshot(page, `FAILED-${name}-${index}`).catch(() => {});
    }
  });
}

export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error(`The console is not built in ${CONSOLE_DIR}`);
  const gateway = await startGateway(env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let adminPasswordSet = false;

  const adminApi = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${gateway.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const login = async (page: Page, user: RegisteredUser) => {
    await page.goto('/login');
    await page.getByLabel(/^(Email|邮箱)$/).fill(user.email);
    await page.getByLabel(/^(Password|密码)$/).fill(user.password);
    await page.getByRole('button', { name: /^(Log in|登录)$/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('button', { name: /Account menu|账户菜单/ }).waitFor();
  };

  return {
    gateway,
    origin: gateway.origin,
    browser,
    pageErrors,
    pages: () => contexts.flatMap((context) => context.pages()),
    adminApi,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: gateway.origin,
        viewport: options.viewport ?? DESKTOP_VIEWPORT,
        locale: options.locale ?? 'en-US',
        colorScheme: options.colorScheme ?? 'light',
      });
      contexts.push(context);
      const page = await context.newPage();
      // Shorter than the test's own timeout, so a failure names the element it waited for.
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async registerUser(page, user = {}) {
      const email = user.email ?? uniqueEmail();
      const password = user.password ?? 'correct-horse-battery';
      await page.goto('/register');
      await page.getByLabel(/^(Email|邮箱)$/).fill(email);
      if (user.displayName) await page.getByLabel(/^(Name|昵称)/).fill(user.displayName);
      await page.getByLabel(/^(Password|密码)$/).fill(password);
      await page.getByLabel(/^(Confirm password|确认密码)$/).fill(password);
      await page.getByRole('button', { name: /^(Create account|注册)$/ }).click();
      await page.waitForURL('**/playground');
      return { email, password };
    },
    login,
    async loginAsAdmin(page) {
      if (!adminPasswordSet) {
        await adminApi('PATCH', '/api/admin/users/usr_admin', { password: ADMIN_PASSWORD });
        adminPasswordSet = true;
      }
      await login(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await gateway.close();
    },
  };
}
