/// <reference types="node" />
/**
 * The README's "Use with…" section shows the same recipes as the console: each snippet the README
 * shows is what buildRecipe writes for the README's example address, placeholder key and models, so
 * the two cannot drift apart (a change to a recipe fails here until the README follows).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecipeClient } from './recipe-clients';
import { buildRecipe, type CodeSnippet, type RecipeSnippetId } from './recipes';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const ORIGIN = 'https://aihub.example.com';

const SHOWN: [RecipeClient, string, RecipeSnippetId, string?][] = [
  ['claude-code', 'claude-sonnet-4-5', 'shell', 'claude-haiku-4-5'],
  ['claude-code', 'claude-sonnet-4-5', 'claude-settings', 'claude-haiku-4-5'],
  ['codex', 'gpt-5', 'codex-config'],
  ['codex', 'gpt-5', 'shell'],
  ['gemini-cli', 'gemini-2.5-pro', 'shell'],
  ['gemini-cli', 'gemini-2.5-pro', 'gemini-settings'],
  ['openai-sdk', 'gpt-4.1-mini', 'python'],
  ['openai-sdk', 'gpt-4.1-mini', 'node'],
  ['anthropic-sdk', 'claude-sonnet-4-5', 'python'],
  ['anthropic-sdk', 'claude-sonnet-4-5', 'node'],
  ['google-genai-sdk', 'gemini-2.5-flash', 'python'],
  ['google-genai-sdk', 'gemini-2.5-flash', 'node'],
  ['curl', 'deepseek-chat', 'curl-chat-completions'],
  ['curl', 'deepseek-chat', 'curl-responses'],
  ['curl', 'deepseek-chat', 'curl-messages'],
  ['curl', 'deepseek-chat', 'curl-gemini'],
];

describe('README recipes', () => {
  it('has the section', () => {
    expect(README).toContain('## Use with Claude Code, Codex CLI, Gemini CLI and the SDKs');
  });

  it.each(SHOWN)('shows the %s recipe for %s (%s) exactly as the console writes it', (client, model, id, small) => {
    const recipe = buildRecipe(client, { origin: ORIGIN, model, smallModel: small });
    const snippet = recipe.snippets.find((item): item is CodeSnippet => item.kind === 'code' && item.id === id);
    expect(snippet).toBeDefined();
    expect(README).toContain(snippet!.code);
  });

  it("names Cherry Studio's fields as the console fills them", () => {
    const recipe = buildRecipe('cherry-studio', { origin: ORIGIN, model: 'gpt-4.1-mini' });
    const fields = recipe.snippets[0]?.kind === 'fields' ? recipe.snippets[0].fields : [];
    for (const { value } of fields.filter((field) => field.name !== 'model')) expect(README).toContain(value);
  });
});
