import type { ResponseFormat, ToolChoice, ToolDefinition } from '../../ir/index.js';
import { assertNever } from './convert-content.js';
import type { OpenAIDialect } from './dialect.js';

export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

export type OpenAIToolChoice = string | { type: 'function'; function: { name: string } };

export function convertTools(tools: readonly ToolDefinition[]): OpenAIFunctionTool[] {
  return tools.map((tool) => {
    // An empty description is kept as sent: it is what the client asked for.
    const fn: OpenAIFunctionTool['function'] =
      tool.description !== undefined
        ? { name: tool.name, description: tool.description, parameters: tool.parameters }
        : { name: tool.name, parameters: tool.parameters };
    if (tool.strict !== undefined) fn.strict = tool.strict;
    return { type: 'function', function: fn };
  });
}

export function convertToolChoice(choice: ToolChoice, dialect: OpenAIDialect): OpenAIToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
      return choice.type;
    case 'required':
      return dialect.requiredToolChoice;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default:
      return assertNever(choice);
  }
}

export function convertResponseFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
    case 'json_object':
      return { type: format.type };
    case 'json_schema': {
      const jsonSchema: Record<string, unknown> = { name: format.name };
      if (format.description !== undefined) jsonSchema.description = format.description;
      jsonSchema.schema = format.schema;
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      return { type: 'json_schema', json_schema: jsonSchema };
    }
    default:
      return assertNever(format);
  }
}
