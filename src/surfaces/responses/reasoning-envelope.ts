import type { ReasoningPart } from '../../ir/index.js';

/**
 * Reasoning must survive a Responses client's round trip whatever vendor produced it. The client
 * keeps exactly one opaque string per reasoning item, `encrypted_content`, and sends it back on the
 * next turn (Codex with `store: false` does so on every turn). OpenAI's own blobs pass through
 * untouched; any other vendor's reasoning (Anthropic thinking text and signature, redacted
 * thinking, Gemini thought signatures, DeepSeek reasoning text) is wrapped in an AIHub envelope:
 * `aihub.r1.` + base64url(JSON {p: issuer, t: text, s: signature, r: redacted data}).
 *
 * It is not encrypted: the client already saw the text (or could), and signatures are meaningful
 * only to their issuer, which verifies them itself.
 */
const PREFIX = 'aihub.r1.';

interface Envelope {
  p?: string;
  t?: string;
  s?: string;
  r?: string;
}

/** `encrypted_content` for one IR reasoning part; `issuer` is the vendor that served the answer. */
export function sealReasoning(part: ReasoningPart, issuer: string): string {
  const provider = part.signatureProvider ?? issuer;
  // OpenAI's own encrypted reasoning, carried in the IR as redacted data, goes back as it came.
  if (provider === 'openai' && part.redactedData && !part.text && !part.signature) return part.redactedData;
  const envelope: Envelope = { p: provider };
  if (part.text) envelope.t = part.text;
  if (part.signature) envelope.s = part.signature;
  if (part.redactedData) envelope.r = part.redactedData;
  return PREFIX + Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
}

export function isAihubEnvelope(encrypted: string): boolean {
  return encrypted.startsWith(PREFIX);
}

/**
 * The reasoning part an `encrypted_content` stands for, or undefined when an AIHub envelope is
 * malformed (the caller answers 400). A blob that is not ours is OpenAI's own: only OpenAI can
 * read it, so it is marked as OpenAI's and other vendors drop it.
 */
export function openReasoning(encrypted: string): ReasoningPart | undefined {
  if (!isAihubEnvelope(encrypted)) {
    return { type: 'reasoning', text: '', redactedData: encrypted, signatureProvider: 'openai' };
  }
  const envelope = parseEnvelope(encrypted.slice(PREFIX.length));
  if (!envelope) return undefined;
  const part: ReasoningPart = { type: 'reasoning', text: envelope.t ?? '' };
  if (envelope.s) part.signature = envelope.s;
  if (envelope.r) part.redactedData = envelope.r;
  // The issuer matters only for something opaque it must verify; plain text replays anywhere.
  if (envelope.p && (envelope.s || envelope.r)) part.signatureProvider = envelope.p;
  return part;
}

function parseEnvelope(encoded: string): Envelope | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const envelope: Envelope = {};
  for (const key of ['p', 't', 's', 'r'] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return undefined;
    envelope[key] = field;
  }
  return envelope;
}
