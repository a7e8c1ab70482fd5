import { z } from 'zod';
import type { ChatRequest } from '../../ir/index.js';
import { parseField } from './schema-error.js';

/**
 * `namespace` tools: a named group of function and custom tools (Codex sends its sub-agent tools
 * as `multi_agent_v1`), whose calls come back as `function_call` items carrying both `name` and
 * `namespace`. No other vendor groups tools, so across vendors each tool of a group becomes a
 * plain tool named `<namespace>__<name>` (letters, digits, `_` and `-` stay valid tool names for
 * Anthropic and Gemini), and a call to one is answered with the two names apart again. The pairing
 * is read from the request's own `tools` (its echo), never parsed back out of the joined name.
 */
export interface NamespacedTool {
  namespace: string;
  name: string;
}

const SEPARATOR = '__';

const namespaceTool = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.enum(['function', 'custom']), name: z.string().min(1) })).min(1),
});

/** The name a namespaced tool has for a vendor that knows no namespaces. */
export function namespacedToolName(namespace: string, name: string): string {
  return `${namespace}${SEPARATOR}${name}`;
}

/**
 * A `namespace` tool's members as the tools they become: each renamed, its description led by the
 * namespace's own (which the model would otherwise not see).
 */
export function namespaceMembers(tool: unknown, at: string): Array<{ tool: Record<string, unknown>; at: string }> {
  const group = parseField(namespaceTool, tool, at);
  return group.tools.map((member, index) => {
    const description = [group.description, (member as { description?: unknown }).description]
      .filter((text): text is string => typeof text === 'string' && text.length > 0)
      .join('\n\n');
    const renamed: Record<string, unknown> = { ...member, name: namespacedToolName(group.name, member.name) };
    if (description) renamed.description = description;
    return { tool: renamed, at: `${at}.tools[${index}]` };
  });
}

/** Joined name → namespace and name, for every member of a `namespace` tool the request declared. */
export function toolNamespaces(request: ChatRequest): ReadonlyMap<string, NamespacedTool> {
  const found = new Map<string, NamespacedTool>();
  for (const tool of namespaceGroups(request)) {
    for (const member of tool.tools) {
      if (member === null || typeof member !== 'object') continue;
      const name = (member as { name?: unknown }).name;
      if (typeof name === 'string') found.set(namespacedToolName(tool.name, name), { namespace: tool.name, name });
    }
  }
  return found;
}

/** The `namespace` tools in the request's echo of `tools` (already validated by the decoder). */
export function namespaceGroups(request: ChatRequest): Array<{ name: string; tools: unknown[] }> {
  const tools = request.surfaceEcho?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.filter(
    (tool): tool is { name: string; tools: unknown[] } =>
      tool !== null &&
      typeof tool === 'object' &&
      (tool as { type?: unknown }).type === 'namespace' &&
      typeof (tool as { name?: unknown }).name === 'string' &&
      Array.isArray((tool as { tools?: unknown }).tools),
  );
}

/** A history item's tool name: joined with its `namespace` when it has one. */
export function itemToolName(record: Record<string, unknown>, name: string): string {
  const namespace = record.namespace;
  return typeof namespace === 'string' && namespace.length > 0 ? namespacedToolName(namespace, name) : name;
}
