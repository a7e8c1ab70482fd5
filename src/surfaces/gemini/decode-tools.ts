import type { ServerTool, ToolChoice, ToolDefinition } from '../../ir/index.js';
import {
  asArray,
  asObject,
  asString,
  childPath,
  invalidArgument,
  type JsonObject,
  optionalField,
  requiredField,
} from './json-reader.js';
import { openApiToJsonSchema } from './openapi-schema.js';

export interface DecodedTools {
  tools?: ToolDefinition[];
  serverTools?: ServerTool[];
}

/**
 * `tools[]`: each Tool holds `functionDeclarations` and/or built-in tools Google runs itself
 * (`googleSearch`, `googleSearchRetrieval`, `codeExecution`, `urlContext`, `fileSearch`,
 * `googleMaps`, `computerUse`...). Functions become tool definitions; every other field of a Tool is
 * a server tool, kept verbatim for a Gemini upstream and refused by the others.
 */
export function decodeTools(value: unknown, path: string): DecodedTools {
  const tools: ToolDefinition[] = [];
  const serverTools: ServerTool[] = [];
  asArray(value, path).forEach((item, index) => {
    const toolPath = `${path}[${index}]`;
    const tool = asObject(item, toolPath, 'Tool');
    for (const [key, child] of Object.entries(tool)) {
      if (child === null || child === undefined) continue;
      const type = camelCase(key);
      if (type === 'functionDeclarations') {
        const declarationsPath = childPath(toolPath, type);
        asArray(child, declarationsPath).forEach((declaration, position) => {
          tools.push(decodeFunctionDeclaration(declaration, `${declarationsPath}[${position}]`));
        });
      } else {
        const definition: JsonObject = {};
        Object.defineProperty(definition, key, { value: child, enumerable: true, writable: true, configurable: true });
        serverTools.push({ origin: 'gemini', type, definition });
      }
    }
  });
  return {
    ...(tools.length > 0 ? { tools } : {}),
    ...(serverTools.length > 0 ? { serverTools } : {}),
  };
}

const NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/;

function decodeFunctionDeclaration(value: unknown, path: string): ToolDefinition {
  const declaration = asObject(value, path, 'FunctionDeclaration');
  const name = requiredField(declaration, 'name', path, asString);
  if (!NAME.test(name)) {
    throw invalidArgument(
      `* GenerateContentRequest.${path}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:) or dashes (-), with a maximum length of 128.`,
      `${path}.name`,
    );
  }
  const description = optionalField(declaration, 'description', path, asString);
  const jsonSchema = optionalField(declaration, 'parametersJsonSchema', path, (v, p) => asObject(v, p, 'Value'));
  const openApi = optionalField(declaration, 'parameters', path, openApiToJsonSchema);
  if (jsonSchema && openApi) {
    throw invalidArgument(
      `* GenerateContentRequest.${path}: parameters and parameters_json_schema must not both be set.`,
      path,
    );
  }
  const definition: ToolDefinition = {
    name,
    parameters: jsonSchema ?? openApi ?? { type: 'object', properties: {} },
  };
  if (description) definition.description = description;
  return definition;
}

/**
 * `toolConfig.functionCallingConfig`: AUTO and VALIDATED (the model may call or answer, calls
 * checked against the schemas) read as auto, ANY as required (or as one tool when it allows exactly
 * one name), NONE as none.
 */
export function decodeToolConfig(
  value: unknown,
  path: string,
  tools: ToolDefinition[] | undefined,
): ToolChoice | undefined {
  const config = asObject(value, path, 'ToolConfig');
  const calling = optionalField(config, 'functionCallingConfig', path, (v, p) =>
    asObject(v, p, 'FunctionCallingConfig'),
  );
  if (!calling) return undefined;
  const callingPath = childPath(path, 'functionCallingConfig');
  const mode = (optionalField(calling, 'mode', callingPath, asString) ?? 'MODE_UNSPECIFIED').toUpperCase();
  const allowed = optionalField(calling, 'allowedFunctionNames', callingPath, (v, p) =>
    asArray(v, p).map((name, index) => asString(name, `${p}[${index}]`)),
  );
  const allowedPath = childPath(callingPath, 'allowedFunctionNames');
  for (const name of allowed ?? []) {
    if (!tools?.some((tool) => tool.name === name)) {
      throw invalidArgument(
        `* GenerateContentRequest.${allowedPath}: function name '${name}' is not declared in tools.`,
        allowedPath,
      );
    }
  }
  switch (mode) {
    case 'MODE_UNSPECIFIED':
    case 'AUTO':
    case 'VALIDATED':
      return mode === 'MODE_UNSPECIFIED' ? undefined : { type: 'auto' };
    case 'ANY':
      return allowed?.length === 1 && allowed[0] ? { type: 'tool', name: allowed[0] } : { type: 'required' };
    case 'NONE':
      return { type: 'none' };
    default:
      throw invalidArgument(
        `Invalid value at '${childPath(callingPath, 'mode')}' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${mode}"`,
        childPath(callingPath, 'mode'),
      );
  }
}

function camelCase(name: string): string {
  return /^[a-z]+(_[a-z]+)+$/.test(name)
    ? name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    : name;
}
