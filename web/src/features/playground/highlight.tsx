import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import { useMemo } from 'react';
import { cn } from '../../lib/cn';

hljs.registerLanguage('bash', bash);
// TOML files (Codex's config.toml): highlight.js colours TOML with its INI grammar.
hljs.registerLanguage('ini', ini);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('json', json);
hljs.registerLanguage('python', python);

export type HighlightLanguage = 'bash' | 'ini' | 'javascript' | 'json' | 'python';

/** A block of code coloured by highlight.js (its HTML escapes the text; colours come from styles.css). */
export function HighlightedCode({
  code,
  language,
  className,
}: {
  code: string;
  language: HighlightLanguage;
  className?: string;
}) {
  const html = useMemo(() => hljs.highlight(code, { language, ignoreIllegals: true }).value, [code, language]);
  return (
    <pre className={cn('overflow-auto font-mono text-[12.5px] leading-relaxed', className)}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js output, with the text HTML-escaped */}
      <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
