import type { ResponseItem } from './decode-input-items.js';

/** Id prefixes by item type, as OpenAI's own ids read (`msg_…`, `fc_…`); anything else is an `item_…`. */
const PREFIXES: Readonly<Record<string, string>> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco',
  custom_tool_call: 'ctc',
  custom_tool_call_output: 'ctco',
  local_shell_call: 'lsh',
  local_shell_call_output: 'lsho',
  reasoning: 'rs',
};

/**
 * The stored conversation with an `id` on every item, as OpenAI gives them (`GET
 * /v1/responses/{id}/input_items` lists them, `item_reference` names them). An item that has one
 * keeps it, so an item carried from response to response (`previous_response_id`) keeps its id.
 * The others get one derived from the response id and their place in the conversation: stable
 * without storing anything more, and never equal to an output item's id (`msg_<base>_<n>`, see
 * response-ids.ts) because of the `i`. Anything not an object is dropped (the store never holds one).
 */
export function withItemIds(items: readonly unknown[], responseId: string): ResponseItem[] {
  const base = responseId.replace(/^resp_/, '').replace(/[^A-Za-z0-9]/g, '') || '0';
  const identified: ResponseItem[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as ResponseItem;
    if (typeof record.id === 'string' && record.id.length > 0) {
      identified.push(record);
      continue;
    }
    const { id: _missing, ...rest } = record;
    identified.push({ id: `${prefixOf(record)}_${base}_i${index}`, ...rest });
  }
  return identified;
}

function prefixOf(item: ResponseItem): string {
  // The easy message form (`{role, content}`) has no type.
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
  return (typeof type === 'string' && Object.hasOwn(PREFIXES, type) && PREFIXES[type]) || 'item';
}
