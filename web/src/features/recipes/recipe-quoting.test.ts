import { describe, expect, it } from 'vitest';
import { jsString, pythonString, shellWord, tomlString } from './recipe-quoting';

const TRICKY = [
  `it's "q"`,
  '\\"',
  "\\\\'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text a shell or template would expand
  '$HOME `id` ${x}',
  'line\nbreak\ttab\r',
  '你好 🚀 \u2028 \u0000 \u007f',
  '',
];

describe('recipe quoting', () => {
  it.each(TRICKY)('a JavaScript literal of %j evaluates back to it', (text) => {
    const literal = jsString(text);
    expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
    expect(new Function(`return ${literal};`)()).toBe(text);
  });

  it('keeps plain values readable', () => {
    expect(jsString('https://aihub.example.com/v1')).toBe("'https://aihub.example.com/v1'");
    expect(pythonString('gpt-5')).toBe('"gpt-5"');
    expect(shellWord('sk-abc')).toBe("'sk-abc'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(tomlString('a\u007fb')).toBe('"a\\u007Fb"');
  });
});
