import type { AssistantContentPart, GeneratedImagePart, ReasoningPart, ToolCallPart } from '../../ir/index.js';
import { joinToolCallId } from '../common/tool-call-id.js';
import { type ClientToolKind, customToolInput, localShellAction } from './client-run-tools.js';
import type { NamespacedTool } from './namespace-tools.js';
import { sealReasoning } from './reasoning-envelope.js';
import type { ResponseIds } from './response-ids.js';

/** How reasoning and ids are rendered; the same for a JSON answer and a stream. */
export interface OutputOptions {
  ids: ResponseIds;
  /** The vendor that served the answer (the envelope's issuer when a part names none). */
  issuer: string;
  /** Put `encrypted_content` on reasoning items. */
  revealEncryptedReasoning: boolean;
  /** Put the reasoning text in `summary` as `summary_text`. */
  showReasoningSummary: boolean;
  /** Tools the client declared as `custom` or `local_shell`: their calls are answered as those items. */
  toolKinds?: ReadonlyMap<string, ClientToolKind>;
  /** Members of the client's `namespace` tools by joined name: their calls name both apart. */
  toolNamespaces?: ReadonlyMap<string, NamespacedTool>;
}

export type MessageContent =
  | { type: 'output_text'; annotations: []; logprobs: []; text: string }
  | { type: 'refusal'; refusal: string };

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** One output item of a response, the parts of the IR answer it was made from. */
export type OutputSegment =
  | { kind: 'reasoning'; part: ReasoningPart }
  | { kind: 'message'; parts: Array<{ type: 'text' | 'refusal'; text: string }> }
  | { kind: 'function_call'; part: ToolCallPart }
  | { kind: 'image'; part: GeneratedImagePart };

/**
 * Groups an answer's content into output items, in order: each reasoning part is a reasoning item,
 * consecutive text and refusal parts one assistant message (consecutive text merged into one
 * `output_text`, as a stream delivers it), each tool call a function_call item, each generated
 * image an `image_generation_call` item (OpenAI's own shape for an image made in a response).
 */
export function segmentContent(content: readonly AssistantContentPart[]): OutputSegment[] {
  const segments: OutputSegment[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'reasoning':
        if (part.text || part.signature || part.redactedData) segments.push({ kind: 'reasoning', part });
        break;
      case 'text':
      case 'refusal': {
        if (!part.text) break;
        const last = segments.at(-1);
        const message = last?.kind === 'message' ? last : undefined;
        const target = message ?? { kind: 'message' as const, parts: [] };
        if (!message) segments.push(target);
        const tail = target.parts.at(-1);
        if (tail && tail.type === part.type) tail.text += part.text;
        else target.parts.push({ type: part.type, text: part.text });
        break;
      }
      case 'tool-call':
        segments.push({ kind: 'function_call', part });
        break;
      case 'generated-image':
        segments.push({ kind: 'image', part });
        break;
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }
  return segments;
}

/**
 * The output items of an answer. When the answer was cut short, a message that ends it is
 * `incomplete`; a function call is whole once its arguments ended, so it stays `completed`.
 */
export function encodeOutputItems(
  content: readonly AssistantContentPart[],
  options: OutputOptions,
  incomplete: boolean,
): Record<string, unknown>[] {
  const segments = segmentContent(content);
  return segments.map((segment, index) => {
    const cut = incomplete && index === segments.length - 1 && segment.kind === 'message';
    return encodeSegment(segment, index, options, cut ? 'incomplete' : 'completed');
  });
}

export function encodeSegment(
  segment: OutputSegment,
  outputIndex: number,
  options: OutputOptions,
  status: ItemStatus,
): Record<string, unknown> {
  switch (segment.kind) {
    case 'reasoning':
      return reasoningItem(options.ids.item('reasoning', outputIndex), segment.part, options);
    case 'message':
      return messageItem(options.ids.item('message', outputIndex), segment.parts.map(messageContent), status);
    case 'function_call':
      return toolCallItem(outputIndex, segment.part, segment.part.arguments, status, options);
    case 'image':
      return imageGenerationItem(options.ids.item('image_generation_call', outputIndex), segment.part.data);
    default: {
      const exhaustive: never = segment;
      return exhaustive;
    }
  }
}

/**
 * OpenAI's `image_generation_call` output item: the image as base64 in `result`. Its thought
 * signature has no field here, so an image edit over Responses history goes back unsigned.
 */
export function imageGenerationItem(id: string, result: string | null): Record<string, unknown> {
  return { id, type: 'image_generation_call', status: result === null ? 'in_progress' : 'completed', result };
}

export function reasoningItem(id: string, part: ReasoningPart, options: OutputOptions): Record<string, unknown> {
  const item: Record<string, unknown> = { id, type: 'reasoning' };
  if (options.revealEncryptedReasoning) item.encrypted_content = sealReasoning(part, options.issuer);
  item.summary = options.showReasoningSummary && part.text ? [{ type: 'summary_text', text: part.text }] : [];
  return item;
}

export function messageItem(id: string, content: MessageContent[], status: ItemStatus): Record<string, unknown> {
  return { id, type: 'message', status, content, role: 'assistant' };
}

export function messageContent(part: { type: 'text' | 'refusal'; text: string }): MessageContent {
  return part.type === 'text'
    ? { type: 'output_text', annotations: [], logprobs: [], text: part.text }
    : { type: 'refusal', refusal: part.text };
}

/**
 * A model's tool call as the client declared the tool: a `custom_tool_call` with the freeform
 * input, a `local_shell_call` with Codex's exec action, or else a `function_call`.
 */
export function toolCallItem(
  outputIndex: number,
  call: Pick<ToolCallPart, 'id' | 'name' | 'signature'>,
  args: string,
  status: ItemStatus,
  options: OutputOptions,
): Record<string, unknown> {
  const kind = options.toolKinds?.get(call.name);
  const callId = joinToolCallId(call.id, call.signature);
  if (kind === 'custom') {
    // OpenAI's custom tool call has no `status`.
    return {
      id: options.ids.item('custom_tool_call', outputIndex),
      type: 'custom_tool_call',
      call_id: callId,
      input: status === 'in_progress' ? '' : customToolInput(args),
      ...toolNameFields(call.name, options.toolNamespaces),
    };
  }
  if (kind === 'local_shell') {
    return {
      id: options.ids.item('local_shell_call', outputIndex),
      type: 'local_shell_call',
      status,
      call_id: callId,
      action: localShellAction(status === 'in_progress' ? '{}' : args),
    };
  }
  return functionCallItem(options.ids.item('function_call', outputIndex), call, args, status, options.toolNamespaces);
}

/** `name`, and `namespace` when the tool is a member of one of the client's `namespace` tools. */
export function toolNameFields(
  name: string,
  namespaces: ReadonlyMap<string, NamespacedTool> | undefined,
): { name: string; namespace?: string } {
  const member = namespaces?.get(name);
  return member ? { name: member.name, namespace: member.namespace } : { name };
}

/** `call_id` carries a Gemini thought signature (see common/tool-call-id.ts); arguments are never empty. */
export function functionCallItem(
  id: string,
  call: Pick<ToolCallPart, 'id' | 'name' | 'signature'>,
  args: string,
  status: ItemStatus,
  namespaces?: ReadonlyMap<string, NamespacedTool>,
): Record<string, unknown> {
  return {
    id,
    type: 'function_call',
    status,
    arguments: status === 'in_progress' ? args : args || '{}',
    call_id: joinToolCallId(call.id, call.signature),
    ...toolNameFields(call.name, namespaces),
  };
}
