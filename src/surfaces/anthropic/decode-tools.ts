import { z } from 'zod';
import type { ChatRequest, ServerTool, ToolChoice, ToolDefinition } from '../../ir/index.js';
import { type FieldPath, invalidAt, parseAt } from './invalid-request.js';
import type { AnthropicRequestBody } from './request-schema.js';

const customTool = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
});

type DecodedTools = Pick<ChatRequest, 'tools' | 'serverTools' | 'toolChoice' | 'parallelToolCalls'>;

/**
 * `tools` and `tool_choice`. A tool without `type` (or `type: "custom"`) is a function the client
 * runs: name, description and `input_schema` become an IR tool definition. Any other `type`
 * (`web_search_20250305`, `code_execution_*`, `bash_*`, `text_editor_*`, `computer_*`,
 * `web_fetch_*`, `memory_*`, `tool_search_*`...) is a tool Anthropic runs or defines itself: it
 * travels verbatim as a server tool, which only the Anthropic provider accepts.
 *
 * Per-tool `cache_control` has no IR form (the IR's breakpoints sit on content); the tool list is
 * cached anyway by the first breakpoint after it, which is where clients put one.
 */
export function decodeTools(input: AnthropicRequestBody): DecodedTools {
  const decoded: DecodedTools = {};
  const tools: ToolDefinition[] = [];
  const serverTools: ServerTool[] = [];
  (input.tools ?? []).forEach((tool, index) => {
    const path: FieldPath = ['tools', index];
    if (tool.type != null && tool.type !== 'custom') {
      serverTools.push({ origin: 'anthropic', type: tool.type, definition: { ...tool } });
      return;
    }
    const parsed = parseAt(customTool, tool, path);
    const definition: ToolDefinition = { name: parsed.name, parameters: parsed.input_schema };
    if (parsed.description) definition.description = parsed.description;
    if (typeof parsed.strict === 'boolean') definition.strict = parsed.strict;
    tools.push(definition);
  });
  if (tools.length > 0) decoded.tools = tools;
  if (serverTools.length > 0) decoded.serverTools = serverTools;

  const choice = input.tool_choice;
  if (choice) {
    decoded.toolChoice = decodeToolChoice(choice, input);
    if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true) {
      decoded.parallelToolCalls = false;
    }
  }
  return decoded;
}

function decodeToolChoice(
  choice: NonNullable<AnthropicRequestBody['tool_choice']>,
  input: AnthropicRequestBody,
): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      if (!(input.tools ?? []).some((tool) => tool.name === choice.name)) {
        throw invalidAt(['tool_choice', 'name'], `Tool '${choice.name}' not found in 'tools'`);
      }
      return { type: 'tool', name: choice.name };
    default: {
      const exhaustive: never = choice;
      return exhaustive;
    }
  }
}
