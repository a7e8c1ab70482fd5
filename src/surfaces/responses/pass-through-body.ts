import type { SurfaceInput } from '../surface.js';
import { requestInputItems } from './history-items.js';
import { isAihubEnvelope } from './reasoning-envelope.js';

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * The Responses body sent to OpenAI itself (pass-through): the client's, but for what AIHub's own
 * store resolved.
 * - `previous_response_id` names a response in AIHub's store, not OpenAI's (the next turn may go to
 *   another channel, key or account): the stored conversation is written into `input` (stored
 *   items, then the client's new input) and the id is removed.
 * - A reasoning item of that history replays statelessly only with OpenAI's own
 *   `encrypted_content`: one without it (the model reasoned but nobody asked for the blob), or
 *   with AIHub's envelope of another vendor's reasoning, which OpenAI cannot read, is dropped.
 *   The turn goes on without that reasoning, as OpenAI allows.
 * - The client's own input is sent as it came, but for reasoning items carrying AIHub's envelope:
 *   a client that switched models mid-conversation (Codex with `store: false`) sends back what
 *   another vendor reasoned, sealed by AIHub, which OpenAI would refuse with a 400.
 * - Input messages (role user, system or developer) go without an `id`. AIHub's store gives every
 *   stored item one (input-item-ids.ts) so it can be listed and referenced, but OpenAI's input
 *   message has no such field and refuses an unknown one; history and resolved `item_reference`s
 *   carry them. A client's own input message with an id, which OpenAI would refuse, is sent too.
 * - `background: true` is removed: OpenAI would answer `queued` with no usage to bill, and the
 *   client could only poll OpenAI's store, which it cannot reach. The answer comes at once, as
 *   the translated path gives it.
 * - So that an answer AIHub stores can be replayed whole, a request that asks for reasoning
 *   (`reasoning` set) also asks for `reasoning.encrypted_content` when the answer will be stored.
 *   Only then: models that do not reason refuse that `include` with a 400. The client sees the
 *   extra field on its reasoning items; nothing else of its answer changes.
 */
export function responsesPassThroughBody(input: SurfaceInput): Record<string, unknown> {
  let body = input.body as Record<string, unknown>;
  if (body.background === true) {
    const { background: _background, ...rest } = body;
    body = rest;
  }
  if (Array.isArray(body.input) && body.input.some(isForeignReasoning)) {
    body = { ...body, input: body.input.filter((item) => !isForeignReasoning(item)) };
  }
  if (input.history) {
    const { previous_response_id: _previous, ...rest } = body;
    body = { ...rest, input: [...replayableItems(input.history), ...requestInputItems(body.input)] };
  }
  if (Array.isArray(body.input) && body.input.some(isIdentifiedInputMessage)) {
    body = { ...body, input: body.input.map((item) => (isIdentifiedInputMessage(item) ? withoutId(item) : item)) };
  }
  if (input.storesAnswer && asksForReasoning(body)) body = withEncryptedReasoning(body);
  return body;
}

function replayableItems(history: readonly unknown[]): unknown[] {
  return history.filter((item) => {
    const record = item as { type?: unknown; encrypted_content?: unknown };
    if (record.type !== 'reasoning') return true;
    const encrypted = record.encrypted_content;
    return typeof encrypted === 'string' && encrypted !== '' && !isAihubEnvelope(encrypted);
  });
}

/** A reasoning item whose `encrypted_content` is AIHub's envelope of another vendor's reasoning. */
function isForeignReasoning(item: unknown): boolean {
  const record = item as { type?: unknown; encrypted_content?: unknown } | null;
  return (
    record?.type === 'reasoning' &&
    typeof record.encrypted_content === 'string' &&
    isAihubEnvelope(record.encrypted_content)
  );
}

const INPUT_ROLES = new Set(['user', 'system', 'developer']);

/** An input message (`{role, content}` or `type: "message"` of an input role) that has an `id`. */
function isIdentifiedInputMessage(item: unknown): boolean {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  const record = item as { type?: unknown; role?: unknown; id?: unknown };
  return (
    'id' in record && (record.type === undefined || record.type === 'message') && INPUT_ROLES.has(record.role as string)
  );
}

function withoutId(item: unknown): unknown {
  const { id: _id, ...rest } = item as Record<string, unknown>;
  return rest;
}

function asksForReasoning(body: Record<string, unknown>): boolean {
  return body.reasoning !== null && typeof body.reasoning === 'object';
}

function withEncryptedReasoning(body: Record<string, unknown>): Record<string, unknown> {
  const include = Array.isArray(body.include) ? body.include : [];
  return include.includes(ENCRYPTED_REASONING) ? body : { ...body, include: [...include, ENCRYPTED_REASONING] };
}
