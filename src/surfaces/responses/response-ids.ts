/**
 * Ids of a response and its output items, derived from AIHub's request id and the item's place in
 * the output. Derived, not random, so the streamed events, the final `response.completed`, the
 * JSON answer and the stored copy all name the same items.
 */
export interface ResponseIds {
  response: string;
  item(kind: OutputItemKind, outputIndex: number): string;
}

export type OutputItemKind =
  | 'reasoning'
  | 'message'
  | 'function_call'
  | 'custom_tool_call'
  | 'local_shell_call'
  | 'image_generation_call';

const PREFIXES: Record<OutputItemKind, string> = {
  reasoning: 'rs',
  message: 'msg',
  function_call: 'fc',
  custom_tool_call: 'ctc',
  local_shell_call: 'lsh',
  image_generation_call: 'ig',
};

export function responseIds(requestId: string): ResponseIds {
  // OpenAI's ids are [A-Za-z0-9_]; request ids may carry dashes (UUIDs).
  const base = requestId.replace(/[^A-Za-z0-9]/g, '') || '0';
  return {
    response: `resp_${base}`,
    item: (kind, outputIndex) => `${PREFIXES[kind]}_${base}_${outputIndex}`,
  };
}
