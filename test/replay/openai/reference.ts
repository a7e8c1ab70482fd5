/**
 * What a recording says, read straight from its JSON with the simplest rules that fit the wire format,
 * independently of the provider's code: the replay tests compare the decoder against this.
 */
type Json = Record<string, any>;

export interface ExpectedToolCall {
  id?: string;
  name: string;
  arguments: string;
}

export interface ExpectedChoice {
  text: string;
  reasoning: string;
  refusal: string;
  toolCalls: ExpectedToolCall[];
  finishRaw?: string;
}

export interface ExpectedStream {
  choices: Map<number, ExpectedChoice>;
  usage?: Json;
  error?: Json;
  done: boolean;
}

const REASONING_FIELDS = ['reasoning_content', 'reasoning'];

function contentPieces(content: unknown): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const chunk of Array.isArray(content) ? content : []) {
    if (chunk?.type === 'text') text += chunk.text ?? '';
    if (chunk?.type === 'thinking') for (const piece of chunk.thinking ?? []) reasoning += piece.text ?? '';
  }
  return { text, reasoning };
}

function reasoningOf(message: Json): string {
  for (const field of REASONING_FIELDS)
    if (typeof message[field] === 'string' && message[field] !== '') return message[field];
  return '';
}

/** Payloads of a stream, in order; `[DONE]` marks the end. */
export function expectFromStream(payloads: readonly string[]): ExpectedStream {
  const expected: ExpectedStream = { choices: new Map(), done: false };
  const byIndex = new Map<number, Map<string, ExpectedToolCall>>();
  for (const payload of payloads) {
    if (payload.trim() === '[DONE]') {
      expected.done = true;
      break;
    }
    const chunk = JSON.parse(payload) as Json;
    if (chunk.error) {
      expected.error = chunk.error;
      if (chunk.usage) expected.usage = chunk.usage;
      break;
    }
    for (const choice of chunk.choices ?? []) {
      const index = choice.index ?? 0;
      let current = expected.choices.get(index);
      if (!current) {
        current = { text: '', reasoning: '', refusal: '', toolCalls: [] };
        expected.choices.set(index, current);
        byIndex.set(index, new Map());
      }
      if (current.finishRaw !== undefined) continue;
      const delta = choice.delta ?? {};
      const pieces = contentPieces(delta.content);
      current.text += pieces.text;
      current.reasoning += reasoningOf(delta) + pieces.reasoning;
      current.refusal += delta.refusal ?? '';
      const calls = byIndex.get(index) as Map<string, ExpectedToolCall>;
      for (const call of delta.tool_calls ?? []) {
        const id = call.id || undefined;
        const slot = call.index !== undefined ? `i${call.index}` : 'last';
        let target = calls.get(slot);
        if (!target || (id && target.id && target.id !== id) || (call.index === undefined && id && target.id !== id)) {
          target = { id, name: '', arguments: '' };
          current.toolCalls.push(target);
        }
        calls.set(slot, target);
        calls.set('last', target);
        target.name ||= call.function?.name ?? '';
        target.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) current.finishRaw = choice.finish_reason;
    }
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) expected.usage = usage;
  }
  return expected;
}

/** A non-streaming body, read the same way. */
export function expectFromBody(body: Json): { choices: ExpectedChoice[]; usage?: Json } {
  const choices = (body.choices ?? []).map((choice: Json): ExpectedChoice => {
    const message = choice.message ?? {};
    const pieces = contentPieces(message.content);
    const details = (message.reasoning_details ?? []) as Json[];
    const detailText = details.map((detail) => detail.text ?? detail.summary ?? '').join('');
    return {
      text: pieces.text,
      reasoning: (detailText || reasoningOf(message)) + pieces.reasoning,
      refusal: message.refusal ?? '',
      toolCalls: (message.tool_calls ?? []).map((call: Json) => ({
        id: call.id || undefined,
        name: call.function?.name ?? '',
        arguments: call.function?.arguments ?? '',
      })),
      finishRaw: choice.finish_reason ?? undefined,
    };
  });
  return { choices, usage: body.usage ?? body.x_groq?.usage };
}
