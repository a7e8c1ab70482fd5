/**
 * From what is on screen to what goes on the wire: one column's turns and the shared settings
 * become a SnippetConversation, the single source for both the request the playground sends and
 * the "view code" snippets (so the code shown is exactly what was sent).
 */
import type { PickerModel } from '../../components/ModelPicker';
import type { ChatMessage, ContentPart, SnippetConversation, ToolDefinition } from './code-snippets';
import type { PlaygroundSettings, Turn } from './types';

export function supportsReasoning(model: PickerModel | undefined): boolean {
  return Boolean(model?.capabilities.reasoning);
}

/**
 * Whether the model takes a sampling temperature. OpenAI's reasoning models (o1, o3, o4-mini, the
 * gpt-5 family) refuse any but their own (`Unsupported value: 'temperature'`), so the playground
 * neither offers nor sends one for them; their chat variants (gpt-5-chat-latest) take it.
 */
export function acceptsTemperature(model: PickerModel | undefined): boolean {
  if (!model?.capabilities.reasoning) return true;
  return !(model.provider === 'openai' && !/-chat/.test(model.id));
}

export function supportsVision(model: PickerModel | undefined): boolean {
  return Boolean(model?.capabilities.vision);
}

export type ToolsParse = { ok: true; tools: ToolDefinition[] } | { ok: false; error: 'json' | 'shape' };

/** The tools textarea: empty → no tools; else a JSON array of `{type: 'function', function: {name, ...}}`. */
export function parseTools(text: string): ToolsParse {
  if (!text.trim()) return { ok: true, tools: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'json' };
  }
  const list = Array.isArray(value) ? value : [value];
  for (const tool of list) {
    const fn = (tool as { function?: { name?: unknown } } | null)?.function;
    if (
      typeof tool !== 'object' ||
      tool === null ||
      (tool as { type?: unknown }).type !== 'function' ||
      typeof fn?.name !== 'string' ||
      !fn.name
    ) {
      return { ok: false, error: 'shape' };
    }
  }
  return { ok: true, tools: list as ToolDefinition[] };
}

/** The messages of a column: failed replies (nothing delivered) are left out. */
export function toMessages(systemPrompt: string, turns: readonly Turn[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt.trim()) messages.push({ role: 'system', content: systemPrompt });
  for (const turn of turns) {
    if (turn.role === 'user') {
      const images = turn.attachments.filter((file) => file.dataUrl);
      if (images.length === 0) {
        messages.push({ role: 'user', content: turn.content });
      } else {
        const parts: ContentPart[] = [];
        if (turn.content) parts.push({ type: 'text', text: turn.content });
        for (const image of images) parts.push({ type: 'image_url', image_url: { url: image.dataUrl } });
        messages.push({ role: 'user', content: parts });
      }
    } else if (turn.role === 'assistant') {
      if (!turn.content && turn.toolCalls.length === 0) continue;
      const message: Extract<ChatMessage, { role: 'assistant' }> = { role: 'assistant', content: turn.content || null };
      if (turn.toolCalls.length > 0) {
        message.tool_calls = turn.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        }));
      }
      // Reasoning (and its signatures) go back as received, so a thinking model continues.
      if (turn.reasoning) message.reasoning_content = turn.reasoning;
      if (turn.reasoningDetails.length > 0) message.reasoning_details = turn.reasoningDetails;
      messages.push(message);
    } else {
      messages.push({ role: 'tool', tool_call_id: turn.toolCallId, content: turn.content });
    }
  }
  return messages;
}

export function buildConversation(options: {
  baseUrl: string;
  model: string;
  modelInfo: PickerModel | undefined;
  settings: PlaygroundSettings;
  turns: readonly Turn[];
  stream?: boolean;
}): SnippetConversation {
  const { settings, modelInfo } = options;
  const conversation: SnippetConversation = {
    baseUrl: options.baseUrl,
    model: options.model,
    messages: toMessages(settings.systemPrompt, options.turns),
    stream: options.stream ?? true,
  };
  if (settings.temperature !== null && acceptsTemperature(modelInfo)) conversation.temperature = settings.temperature;
  if (settings.maxTokens !== null) conversation.maxTokens = settings.maxTokens;
  if (supportsReasoning(modelInfo)) {
    if (settings.reasoningMode === 'effort') conversation.reasoningEffort = settings.reasoningEffort;
    if (settings.reasoningMode === 'budget') conversation.thinkingBudget = settings.thinkingBudget;
  }
  const tools = parseTools(settings.toolsJson);
  if (tools.ok && tools.tools.length > 0) conversation.tools = tools.tools;
  return conversation;
}

/** `https://host/v1`: what an OpenAI SDK takes, for this console's server. */
export function apiBaseUrl(): string {
  return `${window.location.origin}/v1`;
}
