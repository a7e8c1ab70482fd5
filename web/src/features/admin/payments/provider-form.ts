/**
 * A provider's settings form: each field kept, set to new text, or cleared (the environment's
 * value, if any, applies again), and the PUT body that says only that. A secret is write-only:
 * the form never has its value, only what the operator types in to replace it. Pure.
 */
import type { ProviderField, ProviderUpdate, ProviderView } from './types';

export type FieldDraft = { action: 'keep' } | { action: 'set'; text: string } | { action: 'clear' };
export type ProviderDraft = Record<string, FieldDraft>;

const KEEP: FieldDraft = { action: 'keep' };

/** How a field is edited. Fields the console does not know are plain text. */
export type FieldKind =
  | { type: 'text' }
  | { type: 'url' }
  | { type: 'multiline' }
  | { type: 'choice'; options: readonly string[] };

/** The choices of the providers' enum fields (their config schemas in src/payments/). */
const FIELD_KINDS: Record<string, FieldKind> = {
  baseUrl: { type: 'url' },
  gateway: { type: 'url' },
  privateKey: { type: 'multiline' },
  alipayPublicKey: { type: 'multiline' },
  channelType: { type: 'choice', options: ['alipay', 'wxpay', 'qqpay'] },
  checkoutMode: { type: 'choice', options: ['page', 'api'] },
  mode: { type: 'choice', options: ['qr', 'page'] },
  currency: { type: 'choice', options: ['USD', 'CNY'] },
};

export function fieldKind(name: string): FieldKind {
  return FIELD_KINDS[name] ?? { type: 'text' };
}

export function draftFor(draft: ProviderDraft, name: string): FieldDraft {
  return draft[name] ?? KEEP;
}

/** What the input shows for a field that is not secret. */
export function shownText(field: ProviderField, draft: FieldDraft): string {
  if (draft.action === 'set') return draft.text;
  if (draft.action === 'clear') return '';
  return field.value ?? '';
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export type FieldProblem = 'url' | 'choice';

/** Checks what can be checked here (the server checks each field again, and the whole config). */
export function fieldProblem(field: ProviderField, draft: FieldDraft): FieldProblem | undefined {
  if (draft.action !== 'set' || field.secret) return undefined;
  const text = draft.text.trim();
  if (!text) return undefined;
  const kind = fieldKind(field.name);
  if (kind.type === 'url' && !isHttpUrl(text)) return 'url';
  if (kind.type === 'choice' && !kind.options.includes(text)) return 'choice';
  return undefined;
}

export function draftProblems(view: ProviderView, draft: ProviderDraft): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of view.fields) {
    const problem = fieldProblem(field, draftFor(draft, field.name));
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/**
 * The PUT body: new text for what changed, null for what is cleared; nothing for fields kept or
 * typed back to what they were. Emptied text clears a console value and changes nothing else.
 */
export function providerUpdateBody(view: ProviderView, draft: ProviderDraft): ProviderUpdate {
  const fields: Record<string, string | null> = {};
  for (const field of view.fields) {
    const change = draftFor(draft, field.name);
    if (change.action === 'keep') continue;
    if (change.action === 'clear') {
      if (field.source === 'console') fields[field.name] = null;
      continue;
    }
    const text = field.secret ? change.text : change.text.trim();
    if (!text) {
      if (field.source === 'console') fields[field.name] = null;
      continue;
    }
    if (!field.secret && field.source === 'console' && text === field.value) continue;
    fields[field.name] = text;
  }
  return { fields };
}

export function hasChanges(view: ProviderView, draft: ProviderDraft): boolean {
  return Object.keys(providerUpdateBody(view, draft).fields).length > 0;
}
