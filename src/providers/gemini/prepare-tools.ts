import type { ServerTool, ToolChoice, ToolDefinition } from '../../ir/index.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './wire-types.js';

export interface PreparedTools {
  /** Function declarations, then built-in tools verbatim. */
  tools?: Array<GeminiTool | Record<string, unknown>>;
  toolConfig?: GeminiToolConfig;
}

/**
 * Function tools to `tools[].functionDeclarations` and the tool choice to
 * `toolConfig.functionCallingConfig`. Schemas go in `parametersJsonSchema`, which takes full JSON
 * Schema (`$ref`, `anyOf`, `additionalProperties`...), so nothing is lost in a conversion to the
 * OpenAPI subset that `parameters` accepts. Without tools, no tool config is sent.
 */
export function prepareTools(
  tools: ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  serverTools: ServerTool[] = [],
): PreparedTools {
  // Google's own tools (`googleSearch`, `codeExecution`, `urlContext`...) from a Gemini client are
  // sent as the client wrote them, one Tool each; other vendors' server tools are refused earlier.
  const builtIn = serverTools.filter((tool) => tool.origin === 'gemini').map((tool) => tool.definition);
  if (!tools || tools.length === 0) return builtIn.length > 0 ? { tools: builtIn } : {};
  const functionDeclarations = tools.map(toFunctionDeclaration);
  const toolConfig = toToolConfig(toolChoice);
  return { tools: [{ functionDeclarations }, ...builtIn], ...(toolConfig ? { toolConfig } : {}) };
}

function toFunctionDeclaration(tool: ToolDefinition): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: tool.name };
  if (tool.description !== undefined) declaration.description = tool.description;
  if (tool.parameters && Object.keys(tool.parameters).length > 0) declaration.parametersJsonSchema = tool.parameters;
  return declaration;
}

function toToolConfig(toolChoice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (!toolChoice) return undefined;
  switch (toolChoice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [toolChoice.name] } };
    default: {
      const unexpected: never = toolChoice;
      return unexpected;
    }
  }
}
