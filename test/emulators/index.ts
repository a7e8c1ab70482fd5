/**
 * Upstream emulators: real HTTP servers on 127.0.0.1 speaking OpenAI Chat Completions, Anthropic
 * Messages and Gemini generateContent, with scripting and fault injection. See README.md.
 */
export { type AnthropicEmulatorOptions, ANTHROPIC_DEFAULT_MODELS, startAnthropicEmulator } from './anthropic-emulator.js';
export { type GeminiEmulatorOptions, GEMINI_DEFAULT_MODELS, startGeminiEmulator } from './gemini-emulator.js';
export { type OpenAIEmulatorOptions, OPENAI_DEFAULT_MODELS, startOpenAIEmulator } from './openai-emulator.js';
export { closedUrl, getClosedPort } from './server.js';
export { estimateTokens, signatureFor } from './tokens.js';
export type {
  Emulator,
  EmulatorOptions,
  Fault,
  FixedResponse,
  RawChunk,
  RecordedRequest,
  ScriptEntry,
  ScriptStep,
  ToolCallSpec,
  UsageOverride,
} from './types.js';

/** The API key every emulator expects unless `apiKey` says otherwise. */
export const DEFAULT_API_KEY = 'test-key';
