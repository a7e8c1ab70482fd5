import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import type { CaptchaConfig } from './email-api';

/** Cloudflare Turnstile's explicit-rendering API, as far as we use it. */
interface TurnstileApi {
  render(
    element: HTMLElement,
    options: {
      sitekey: string;
      callback: (token: string) => void;
      'expired-callback'?: () => void;
      'error-callback'?: () => void;
      language?: string;
    },
  ): string;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

const scripts = new Map<string, Promise<void>>();

/** Loads the widget script once per URL (only when the captcha is on: no third-party script otherwise). */
function loadScript(url: string): Promise<void> {
  let loading = scripts.get(url);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        scripts.delete(url);
        reject(new Error('captcha script'));
      };
      document.head.appendChild(script);
    });
    scripts.set(url, loading);
  }
  return loading;
}

/**
 * The captcha on sign-up and sign-in. Reports each fresh token (undefined when it expired);
 * a new `generation` asks for a fresh token (tokens are single use: after a refused attempt).
 */
export function CaptchaWidget({
  config,
  onToken,
  generation,
}: {
  config: CaptchaConfig;
  onToken: (token: string | undefined) => void;
  generation: number;
}) {
  const { t } = useTranslation('mail');
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<string | undefined>(undefined);
  const report = useRef(onToken);
  report.current = onToken;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    loadScript(config.scriptUrl)
      .then(() => {
        if (cancelled || !container.current || !window.turnstile) return;
        widget.current = window.turnstile.render(container.current, {
          sitekey: config.siteKey,
          language: currentLanguage() === 'zh' ? 'zh-cn' : 'en',
          callback: (token) => report.current(token),
          'expired-callback': () => report.current(undefined),
          'error-callback': () => report.current(undefined),
        });
        setState('ready');
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      if (widget.current) window.turnstile?.remove(widget.current);
      widget.current = undefined;
    };
  }, [config.scriptUrl, config.siteKey]);

  useEffect(() => {
    if (generation > 0 && widget.current) {
      report.current(undefined);
      window.turnstile?.reset(widget.current);
    }
  }, [generation]);

  return (
    <div className="space-y-1" data-testid="captcha">
      <div ref={container} />
      {state === 'loading' && <p className="text-xs text-muted-foreground">{t('captcha.loading')}</p>}
      {state === 'failed' && <p className="text-xs text-destructive">{t('captcha.failed')}</p>}
    </div>
  );
}
