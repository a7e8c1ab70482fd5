import { GatewayError } from '../ir/index.js';

export const DEFAULT_TURNSTILE_BASE_URL = 'https://challenges.cloudflare.com';

/** What the console needs to show the widget; null when the captcha is off. */
export interface CaptchaPublicConfig {
  provider: 'turnstile';
  siteKey: string;
  /** The widget script (explicit rendering). */
  scriptUrl: string;
}

export interface TurnstileOptions {
  /** Whether the operator turned it on, and the keys. */
  current: () => { enabled: boolean; siteKey: string; secretKey: string | undefined };
  /** `TURNSTILE_BASE_URL` (tests point it at an emulator); default Cloudflare's. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Cloudflare Turnstile on sign-up and sign-in: the console shows the widget, the server asks
 * `POST {base}/turnstile/v0/siteverify` whether the token it produced is good, before anything
 * else is checked. In force only when enabled with both keys set.
 */
export class TurnstileCaptcha {
  private readonly baseUrl: string;

  constructor(private readonly options: TurnstileOptions) {
    this.baseUrl = (options.baseUrl || DEFAULT_TURNSTILE_BASE_URL).replace(/\/+$/, '');
  }

  /** Where the widget comes from: the console's CSP lets its scripts and frames in. */
  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  publicConfig(): CaptchaPublicConfig | null {
    const { enabled, siteKey, secretKey } = this.options.current();
    if (!enabled || !siteKey || !secretKey) return null;
    return { provider: 'turnstile', siteKey, scriptUrl: `${this.baseUrl}/turnstile/v0/api.js?render=explicit` };
  }

  /** Throws a 400 `captcha_failed` unless the captcha is off or the token checks out. */
  async check(token: string | undefined, remoteIp: string): Promise<void> {
    const { enabled, siteKey, secretKey } = this.options.current();
    if (!enabled || !siteKey || !secretKey) return;
    if (!token) throw captchaFailed('Please complete the captcha.');
    const body = new URLSearchParams({ secret: secretKey, response: token, remoteip: remoteIp });
    let success = false;
    try {
      const response = await (this.options.fetch ?? fetch)(`${this.baseUrl}/turnstile/v0/siteverify`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const answer = (await response.json()) as { success?: unknown };
      success = response.ok && answer.success === true;
    } catch (error) {
      // Cloudflare unreachable: refuse (a captcha that fails open protects nothing), say why.
      this.options.onError?.(error);
      throw captchaFailed('The captcha could not be checked. Please try again.');
    }
    if (!success) throw captchaFailed('The captcha was not solved. Please try again.');
  }
}

function captchaFailed(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'captcha_failed', param: 'captchaToken', message });
}
