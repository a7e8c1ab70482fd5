/** A function the model may call. `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** OpenAI strict mode for function schemas. */
  strict?: boolean;
}

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

/**
 * A tool the vendor runs itself (Anthropic `web_search_20250305`, Responses `web_search`, a
 * Responses `custom` tool...). It means something only to its vendor: a provider for another
 * vendor refuses the request with a 400 naming it, rather than silently dropping it.
 */
export interface ServerTool {
  /** The inbound API it came from: `anthropic`, `openai-responses`, `gemini`. */
  origin: 'anthropic' | 'openai-responses' | 'gemini';
  /** The tool's type as the client wrote it (`web_search_20250305`, `custom`, `googleSearch`). */
  type: string;
  /** The client's definition, verbatim. */
  definition: Record<string, unknown>;
}
