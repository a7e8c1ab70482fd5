/**
 * Upstream emulators: real HTTP servers on 127.0.0.1 speaking OpenAI Chat Completions, Anthropic
 * Messages and Gemini generateContent, with scripting and fault injection. See README.md.
 */

export { type AlipayEmulator, type AlipayEmulatorOptions, startAlipayEmulator } from './alipay-emulator.js';
export {
  ANTHROPIC_DEFAULT_MODELS,
  type AnthropicEmulatorOptions,
  startAnthropicEmulator,
} from './anthropic-emulator.js';
export { deepSeekBalance, moonshotBalance, openRouterCredits, siliconFlowUserInfo } from './balance-answers.js';
export { type EpayEmulator, type EpayEmulatorOptions, startEpayEmulator } from './epay-emulator.js';
export { GEMINI_DEFAULT_MODELS, type GeminiEmulatorOptions, startGeminiEmulator } from './gemini-emulator.js';
export {
  type BackendStats,
  type LoadBalancer,
  type LoadBalancerOptions,
  startLoadBalancer,
} from './load-balancer.js';
export { OPENAI_DEFAULT_MODELS, type OpenAIEmulatorOptions, startOpenAIEmulator } from './openai-emulator.js';
export { startRerankEmulator } from './rerank-emulator.js';
export { emulatedRelevance, type RerankVendor } from './rerank-format.js';
export { closedUrl, getClosedPort } from './server.js';
export { type StripeEmulator, type StripeEmulatorOptions, startStripeEmulator } from './stripe-emulator.js';
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
