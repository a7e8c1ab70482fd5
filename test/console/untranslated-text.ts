import type { Page } from 'playwright-core';

/**
 * Words of English on a page shown in Chinese: what a reader of the Chinese console would meet
 * untranslated. Code, keys, model ids, addresses and numbers are not words to translate, so text
 * inside `code`/`pre`/`kbd`, monospace or `translate="no"` elements and inputs is skipped, and so
 * is any chunk with a digit, dot, slash, colon, `=`, `?`, underscore or `@` (addresses, paths,
 * settings), and the names below (products, vendors, protocols, formats), which stay as they are
 * in Chinese too.
 */
const NAMES = new Set(
  [
    'AIHub',
    'API',
    'APIs',
    'SDK',
    'CLI',
    'JSON',
    'YAML',
    'HTTP',
    'HTTPS',
    'URL',
    'IP',
    'CSV',
    'SSE',
    'Token',
    'token',
    'tokens',
    'Tokens',
    'Markdown',
    'OpenAI',
    'Anthropic',
    'Claude',
    'Gemini',
    'Google',
    'GitHub',
    'Codex',
    'Code',
    'Cursor',
    'Python',
    'Node',
    'curl',
    'Bearer',
    'DeepSeek',
    'Qwen',
    'Kimi',
    'Moonshot',
    'Zhipu',
    'GLM',
    'Doubao',
    'Mistral',
    'Groq',
    'OpenRouter',
    'Ollama',
    'Cohere',
    'Jina',
    'Midjourney',
    'Sora',
    'Veo',
    'Imagen',
    'Stripe',
    'Alipay',
    'EPay',
    'LinuxDO',
    'OIDC',
    'OAuth',
    'TOTP',
    'WebAuthn',
    'SMTP',
    'Turnstile',
    'Cloudflare',
    'USD',
    'CNY',
    'RPM',
    'TPM',
    'Chat',
    'Completions',
    'Responses',
    'Messages',
    'Embeddings',
    'Rerank',
    // Terms Chinese developer documentation keeps in English.
    'Base',
    'Logo',
    'OpenID',
    'Connect',
    'Issuer',
    'GraphQL',
    'JavaScript',
    'REST',
    'STARTTLS',
    'TLS',
    'UTC',
    'IANA',
    'GET',
    'POST',
    // File formats, keys on the keyboard, JSON's literals.
    'PDF',
    'PNG',
    'JPEG',
    'GIF',
    'WebP',
    'SVG',
    'Enter',
    'Shift',
    'Esc',
    'true',
    'false',
    // Client applications named in the recipes.
    'Cherry',
    'Studio',
    'Gen',
    // Data, not interface: the default group and the bootstrap administrator's name.
    'default',
    'Administrator',
  ].map((name) => name.toLowerCase()),
);

export async function englishWordsOn(page: Page): Promise<string[]> {
  const tokens = await page.evaluate(() => {
    const skip = 'code, pre, kbd, samp, script, style, svg, input, textarea, option, [translate="no"], .font-mono';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(skip)) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // A chunk with a URL's, a path's or an assignment's characters is code (`smtp://user@host:587`,
      // `?tls=none`, `~/.claude.json`): none of it is to translate.
      for (const chunk of (node.textContent ?? '').split(/\s+/)) {
        if (/[:/@=?_~\\.0-9]/.test(chunk)) continue;
        found.push(...chunk.split(/[,;()（），。、：！？“”"'[\]{}<>|·…—–+*#$%&^`]+/));
      }
    }
    return found;
  });
  const words = tokens.filter(
    (token) => /^[A-Za-z][A-Za-z-]*[A-Za-z]$/.test(token) && token.length >= 3 && !NAMES.has(token.toLowerCase()),
  );
  return [...new Set(words)].sort();
}
