import { type ChatRequest, GatewayError } from '../ir/index.js';

/**
 * Top-level Messages fields the IR does not model, which the Anthropic surface keeps in
 * `extraBody` for the Anthropic provider. The one place that says what each means elsewhere:
 * - `refused`: another vendor cannot honour them, and dropping them would change the answer
 *   (a container's files, remote MCP tools): a 400 naming the field;
 * - `dropped`: hints that do not change the answer (context trimming, region, the automatic cache
 *   breakpoint): left out for other vendors and reported as dropped.
 * Document citations (`FilePart.citations`) are refused the same way. `service_tier` is not here:
 * OpenAI has a field of that name, so only its Anthropic values are sent to Anthropic.
 */
export const ANTHROPIC_ONLY_BODY_FIELDS = {
  refused: ['container', 'mcp_servers'],
  dropped: ['context_management', 'inference_geo', 'cache_control'],
} as const;

const REFUSED: ReadonlySet<string> = new Set(ANTHROPIC_ONLY_BODY_FIELDS.refused);
const DROPPED: ReadonlySet<string> = new Set(ANTHROPIC_ONLY_BODY_FIELDS.dropped);

/**
 * The `extraBody` fields the Anthropic provider sends verbatim: the Anthropic-only ones, and
 * `service_tier` when it holds one of Anthropic's values.
 */
export function anthropicExtraBodyFields(extraBody: Record<string, unknown> | undefined): {
  send: Record<string, unknown>;
  dropped: string[];
} {
  const send: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [field, value] of Object.entries(extraBody ?? {})) {
    const anthropicTier = field === 'service_tier' && (value === 'auto' || value === 'standard_only');
    if (REFUSED.has(field) || DROPPED.has(field) || anthropicTier) send[field] = value;
    else dropped.push(field);
  }
  return { send, dropped };
}

export function isAnthropicOnlyDroppedField(field: string): boolean {
  return DROPPED.has(field);
}

/** Throws a 400 naming the first Anthropic-only feature in the request that `vendor` cannot honour. */
export function refuseAnthropicOnlyFeatures(request: ChatRequest, vendor: string): void {
  for (const field of Object.keys(request.extraBody ?? {})) {
    if (REFUSED.has(field)) throw unsupported(`'${field}'`, field, vendor);
  }
  for (const message of request.messages) {
    if (message.role !== 'user' && message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'file' && part.citations) throw unsupported('Document citations', 'messages', vendor);
    }
  }
}

function unsupported(feature: string, param: string, vendor: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `${feature} is an Anthropic feature that ${vendor} models do not support; use a Claude model.`,
    param,
  });
}
