import type { ResponseItem } from './decode-input-items.js';

/** Item types whose listed form has a `status` ("populated when items are returned via API"). */
const ITEMS_WITH_STATUS: ReadonlySet<string> = new Set([
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'reasoning',
]);

/**
 * A stored input item as `GET /v1/responses/{id}/input_items` shows it, in the shape of OpenAI's
 * `ResponseItem`: the easy message form becomes a typed message whose content is a list of parts,
 * items get the `status` OpenAI fills in, and what `include` did not ask for is left out, as
 * OpenAI leaves it out (a reasoning item's `encrypted_content`, an input image's `image_url`,
 * which may be a data URL of megabytes). The stored item itself is not changed.
 */
export function listedInputItem(item: ResponseItem, include: ReadonlySet<string>): ResponseItem {
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
  let listed: ResponseItem = { ...item };
  if (type !== undefined) listed.type = type;
  if (type === 'message') listed = listedMessage(listed, include);
  if (type === 'reasoning' && !include.has('reasoning.encrypted_content')) delete listed.encrypted_content;
  if (typeof type === 'string' && ITEMS_WITH_STATUS.has(type) && listed.status == null) listed.status = 'completed';
  return listed;
}

function listedMessage(message: ResponseItem, include: ReadonlySet<string>): ResponseItem {
  const assistant = message.role === 'assistant';
  if (typeof message.content === 'string') {
    const part = assistant
      ? { type: 'output_text', text: message.content, annotations: [] }
      : { type: 'input_text', text: message.content };
    return { ...message, content: [part] };
  }
  if (!Array.isArray(message.content) || include.has('message.input_image.image_url')) return message;
  const content = message.content.map((part: unknown) => {
    if (!isRecord(part) || part.type !== 'input_image' || !('image_url' in part)) return part;
    const { image_url: _left_out, ...rest } = part;
    return rest;
  });
  return { ...message, content };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
