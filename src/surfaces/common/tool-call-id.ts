/**
 * Gemini attaches a "thought signature" to each function call and rejects a follow-up turn that
 * does not send it back. OpenAI clients keep nothing but the tool call's `id` reliably (it is
 * echoed in the assistant message and in every tool result), so the signature rides inside it:
 * `<id>__sig__<signature>`. Base64 never contains `__`, so the split is unambiguous.
 */
const SEPARATOR = '__sig__';

export function joinToolCallId(id: string, signature: string | undefined): string {
  return signature ? `${id}${SEPARATOR}${signature}` : id;
}

export function splitToolCallId(wireId: string): { id: string; signature?: string } {
  const at = wireId.indexOf(SEPARATOR);
  if (at < 0) return { id: wireId };
  return { id: wireId.slice(0, at), signature: wireId.slice(at + SEPARATOR.length) || undefined };
}
