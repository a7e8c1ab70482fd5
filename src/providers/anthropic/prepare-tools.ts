import type { ChatRequest, ToolChoice, ToolDefinition } from '../../ir/index.js';
import type { AnthropicServerTool, AnthropicTool, AnthropicToolChoice } from './wire-types.js';

export interface PreparedTools {
  tools?: Array<AnthropicTool | AnthropicServerTool>;
  toolChoice?: AnthropicToolChoice;
}

/**
 * Converts tool definitions (`parameters` → `input_schema`) and the tool choice
 * (auto → auto, none → none, required → any, a named tool → tool). `parallelToolCalls: false`
 * becomes `disable_parallel_tool_use` (with `auto` when the client chose nothing). Without tools
 * there is no tool choice to send. OpenAI's per-tool `strict` has no portable Anthropic form and is
 * not sent. Server tools a Messages client declared (`origin: anthropic`; the others were refused
 * before) follow the custom tools verbatim, as the client wrote them.
 */
export function prepareTools(
  request: Pick<ChatRequest, 'tools' | 'serverTools' | 'toolChoice' | 'parallelToolCalls'>,
): PreparedTools {
  const serverTools = (request.serverTools ?? [])
    .filter((tool) => tool.origin === 'anthropic')
    .map((tool): AnthropicServerTool => ({ ...tool.definition, type: tool.type }));
  if ((!request.tools || request.tools.length === 0) && serverTools.length === 0) return {};
  const tools: Array<AnthropicTool | AnthropicServerTool> = [...(request.tools ?? []).map(convertTool), ...serverTools];
  const choice = convertToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== false) return choice ? { tools, toolChoice: choice } : { tools };
  if (choice?.type === 'none') return { tools, toolChoice: choice };
  return { tools, toolChoice: { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true } };
}

function convertTool(tool: ToolDefinition): AnthropicTool {
  // Anthropic requires an object schema; a tool declared without parameters gets an empty one.
  const inputSchema =
    tool.parameters.type === undefined ? { type: 'object', properties: {}, ...tool.parameters } : tool.parameters;
  return tool.description === undefined
    ? { name: tool.name, input_schema: inputSchema }
    : { name: tool.name, description: tool.description, input_schema: inputSchema };
}

function convertToolChoice(choice: ToolChoice | undefined): AnthropicToolChoice | undefined {
  if (!choice) return undefined;
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'none':
      return { type: 'none' };
    case 'required':
      return { type: 'any' };
    case 'tool':
      return { type: 'tool', name: choice.name };
    default:
      return assertNever(choice);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected tool choice: ${JSON.stringify(value)}`);
}
