import { z } from 'zod';
import type { ChatRequest, ToolDefinition } from '../../ir/index.js';
import { namespacedToolName, namespaceGroups } from './namespace-tools.js';
import { parseField } from './schema-error.js';

/**
 * Tools the Responses client runs itself but does not describe as a JSON-schema function: `custom`
 * (freeform text in, such as Codex's `apply_patch` for GPT-5 models) and `local_shell` (Codex's
 * shell for codex-mini models). Every upstream AIHub translates to knows only function tools, so
 * each becomes a function tool, and the model's call to it is answered to the client as the item
 * type the client declared (`custom_tool_call`, `local_shell_call`), never as a `function_call`
 * the client has no handler for.
 */
export type ClientToolKind = 'custom' | 'local_shell';

/** The name a `local_shell` tool has as a function (the Responses tool has none). */
export const LOCAL_SHELL_TOOL_NAME = 'local_shell';

const customTool = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z
    .looseObject({
      type: z.string(),
      syntax: z.string().nullish(),
      definition: z.string().nullish(),
    })
    .nullish(),
});

/** `custom` → a function with one string parameter, `input`, whose description carries the grammar. */
export function customToolDefinition(tool: unknown, at: string): ToolDefinition {
  const custom = parseField(customTool, tool, at);
  const grammar =
    custom.format?.type === 'grammar' && custom.format.definition
      ? ` It must match this ${custom.format.syntax ?? ''} grammar:\n${custom.format.definition}`
      : '';
  const inputDescription = `The tool's whole input as freeform text (not JSON).${grammar}`;
  const definition: ToolDefinition = {
    name: custom.name,
    parameters: {
      type: 'object',
      properties: { input: { type: 'string', description: inputDescription } },
      required: ['input'],
      additionalProperties: false,
    },
  };
  const description = [custom.description, 'Put the whole freeform input in the `input` string.']
    .filter(Boolean)
    .join('\n\n');
  definition.description = description;
  return definition;
}

/** `local_shell` → a function taking Codex's shell arguments. */
export function localShellToolDefinition(): ToolDefinition {
  return {
    name: LOCAL_SHELL_TOOL_NAME,
    description: "Runs a command on the user's machine and returns its output.",
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' }, description: 'The command and its arguments.' },
        workdir: { type: 'string', description: 'The working directory to run the command in.' },
        timeout_ms: { type: 'number', description: 'The timeout for the command in milliseconds.' },
      },
      required: ['command'],
      additionalProperties: false,
    },
  };
}

/** Which tool names the client declared as `custom` or `local_shell` (from the request's echo of `tools`). */
export function clientToolKinds(request: ChatRequest): ReadonlyMap<string, ClientToolKind> {
  const kinds = new Map<string, ClientToolKind>();
  const tools = request.surfaceEcho?.tools;
  if (!Array.isArray(tools)) return kinds;
  for (const tool of tools) {
    if (tool === null || typeof tool !== 'object') continue;
    const { type, name } = tool as { type?: unknown; name?: unknown };
    if (type === 'custom' && typeof name === 'string') kinds.set(name, 'custom');
    if (type === 'local_shell') kinds.set(LOCAL_SHELL_TOOL_NAME, 'local_shell');
  }
  for (const group of namespaceGroups(request)) {
    for (const member of group.tools) {
      const { type, name } = (member ?? {}) as { type?: unknown; name?: unknown };
      if (type === 'custom' && typeof name === 'string') kinds.set(namespacedToolName(group.name, name), 'custom');
    }
  }
  return kinds;
}

/** A custom tool call's freeform input from the function arguments (`{"input": ...}`; else the raw text). */
export function customToolInput(args: string): string {
  const parsed = parseObject(args);
  if (parsed && typeof parsed.input === 'string') return parsed.input;
  return args;
}

/** A `local_shell_call`'s `action` from the function arguments. */
export function localShellAction(args: string): Record<string, unknown> {
  const parsed = parseObject(args) ?? {};
  const command = Array.isArray(parsed.command) ? parsed.command.filter((part) => typeof part === 'string') : [];
  const action: Record<string, unknown> = { type: 'exec', command, env: {} };
  if (typeof parsed.timeout_ms === 'number') action.timeout_ms = parsed.timeout_ms;
  if (typeof parsed.workdir === 'string') action.working_directory = parsed.workdir;
  return action;
}

/** A `local_shell_call`'s action as the function arguments the model is shown in history. */
export function localShellArguments(action: unknown): string {
  const record = action !== null && typeof action === 'object' ? (action as Record<string, unknown>) : {};
  const args: Record<string, unknown> = { command: Array.isArray(record.command) ? record.command : [] };
  if (typeof record.working_directory === 'string') args.workdir = record.working_directory;
  if (typeof record.timeout_ms === 'number') args.timeout_ms = record.timeout_ms;
  return JSON.stringify(args);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
