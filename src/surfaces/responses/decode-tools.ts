import type { ServerTool, ToolChoice, ToolDefinition } from '../../ir/index.js';
import { customToolDefinition, localShellToolDefinition } from './client-run-tools.js';
import { namespaceMembers } from './namespace-tools.js';
import { anyTool, functionTool, toolChoice as toolChoiceSchema } from './request-schema.js';
import { invalidField, parseField } from './schema-error.js';

export interface DecodedTools {
  tools?: ToolDefinition[];
  /** Tools left out where that does not change the answer (Codex's default cached web search). */
  dropped?: string[];
  /** Tools OpenAI runs or defines itself (`custom`, `web_search`, `mcp`, `local_shell`...), verbatim. */
  serverTools?: ServerTool[];
}

/**
 * `tools`: function tools become IR tool definitions, and so do the tools the client runs itself
 * (`custom`, `local_shell`: see client-run-tools.ts). A `web_search` that may only search
 * OpenAI's cache (`external_web_access: false`) is what Codex sends by default with every request,
 * whatever the model; no upstream AIHub translates to can run it, and the model answers without
 * it, so it is dropped (and reported). Every other type is OpenAI's own, which only an upstream
 * running it could honour: the providers refuse it with a 400 naming it.
 */
export function decodeTools(tools: readonly unknown[] | null | undefined): DecodedTools {
  const decoded: DecodedTools = {};
  (tools ?? []).forEach((tool, index) => {
    const at = `tools[${index}]`;
    const base = parseField(anyTool, tool, at);
    if (base.type === 'namespace') {
      // Its members become tools of their own, named `<namespace>__<name>` (namespace-tools.ts).
      for (const member of namespaceMembers(tool, at)) decodeTool(member.tool, member.at, decoded);
      return;
    }
    decodeTool(tool, at, decoded);
  });
  return decoded;
}

function decodeTool(tool: unknown, at: string, decoded: DecodedTools): void {
  const base = parseField(anyTool, tool, at);
  if (base.type === 'custom' || base.type === 'local_shell') {
    decoded.tools ??= [];
    decoded.tools.push(base.type === 'custom' ? customToolDefinition(tool, at) : localShellToolDefinition());
    return;
  }
  if (base.type === 'web_search' && (tool as { external_web_access?: unknown }).external_web_access === false) {
    decoded.dropped ??= [];
    decoded.dropped.push('tools.web_search');
    return;
  }
  if (base.type === 'function') {
    const fn = parseField(functionTool, tool, at);
    const definition: ToolDefinition = {
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    };
    if (fn.description) definition.description = fn.description;
    if (fn.strict != null) definition.strict = fn.strict;
    decoded.tools ??= [];
    decoded.tools.push(definition);
    return;
  }
  decoded.serverTools ??= [];
  decoded.serverTools.push({ origin: 'openai-responses', type: base.type, definition: base });
}

/**
 * `tool_choice`: `auto`/`none`/`required`, a named function, or a choice of one of OpenAI's own
 * tools (`{type: "web_search"}`, `allowed_tools`...), which only an OpenAI upstream can honour:
 * it needs a server tool of that kind, and is otherwise a 400.
 */
export function decodeToolChoice(value: unknown, decoded: DecodedTools): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  const choice = parseField(toolChoiceSchema, value, 'tool_choice');
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function') {
    const name = (choice as { name?: unknown }).name;
    if (typeof name !== 'string') {
      throw invalidField(
        'tool_choice.name',
        "Missing required parameter: 'tool_choice.name'.",
        'missing_required_parameter',
      );
    }
    if (!decoded.tools?.some((tool) => tool.name === name)) {
      throw invalidField(
        'tool_choice',
        `tool_choice names the function '${name.slice(0, 200)}', which is not in 'tools'.`,
      );
    }
    return { type: 'tool', name };
  }
  if (choice.type === 'allowed_tools') {
    // Restricting to a subset keeps the mode; the subset itself is OpenAI's to enforce.
    const mode = (choice as { mode?: unknown }).mode;
    return mode === 'required' ? { type: 'required' } : { type: 'auto' };
  }
  if (choice.type === 'custom') {
    const name = (choice as { name?: unknown }).name;
    if (typeof name === 'string') return { type: 'tool', name };
  }
  // A hosted tool (`web_search`, `file_search`, `mcp`...): the server tool carries the meaning.
  return { type: 'required' };
}
