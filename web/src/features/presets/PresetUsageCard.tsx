import { Terminal } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CopyButton, SegmentedControl, Select } from '../../components/ui';
import { useGatewayOrigin } from '../recipes/use-gateway-origin';
import { presetModel } from './types';

type Language = 'curl' | 'python' | 'node';
const LANGUAGES: readonly Language[] = ['curl', 'python', 'node'];

/** A request that calls the preset: the model is `@preset/<name>`, the rest as in any request. */
export function presetSnippet(language: Language, origin: string, name: string): string {
  const model = presetModel(name);
  switch (language) {
    case 'curl':
      return [
        `curl ${origin}/v1/chat/completions \\`,
        '  -H "Authorization: Bearer $AIHUB_API_KEY" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
      ].join('\n');
    case 'python':
      return [
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url="${origin}/v1", api_key="YOUR_AIHUB_KEY")`,
        'reply = client.chat.completions.create(',
        `    model="${model}",`,
        '    messages=[{"role": "user", "content": "Hello"}],',
        ')',
        'print(reply.choices[0].message.content)',
      ].join('\n');
    case 'node':
      return [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: '${origin}/v1', apiKey: process.env.AIHUB_API_KEY });`,
        'const reply = await client.chat.completions.create({',
        `  model: '${model}',`,
        "  messages: [{ role: 'user', content: 'Hello' }],",
        '});',
        'console.log(reply.choices[0].message.content);',
      ].join('\n');
    default: {
      const unknown: never = language;
      throw new Error(`No snippet for ${String(unknown)}`);
    }
  }
}

/** How to call a preset, with a copyable request for one of the viewer's presets. */
export function PresetUsageCard({ names }: { names: string[] }) {
  const { t } = useTranslation('presets');
  const origin = useGatewayOrigin();
  const [language, setLanguage] = useState<Language>('curl');
  const [chosen, setChosen] = useState<string>();
  const name = chosen && names.includes(chosen) ? chosen : (names[0] ?? 'my-preset');
  const snippet = presetSnippet(language, origin, name);

  return (
    <Card className="space-y-3 p-4 sm:p-5" aria-labelledby="preset-usage-title">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <h2 id="preset-usage-title" className="flex items-center gap-2 text-sm font-semibold">
            <Terminal className="size-4 text-primary" aria-hidden />
            {t('usage.title')}
          </h2>
          <p className="text-sm text-muted-foreground">
            {t('usage.text')} <code className="rounded bg-muted px-1 font-mono text-xs">"model": "@preset/…"</code>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {names.length > 1 && (
            <Select
              aria-label={t('usage.preset')}
              value={name}
              onChange={(event) => setChosen(event.target.value)}
              className="w-44"
              options={names.map((option) => ({ value: option, label: option }))}
            />
          )}
          <SegmentedControl
            size="sm"
            label={t('usage.language')}
            value={language}
            onChange={setLanguage}
            options={LANGUAGES.map((value) => ({ value, label: t(`usage.languages.${value}`) }))}
          />
        </div>
      </div>
      <div className="relative rounded-lg border border-border bg-muted/50">
        <pre
          className="overflow-x-auto px-3 py-2.5 pr-10 font-mono text-xs leading-relaxed"
          data-testid="preset-snippet"
        >
          {snippet}
        </pre>
        <CopyButton value={snippet} className="absolute top-1.5 right-1.5" />
      </div>
    </Card>
  );
}
