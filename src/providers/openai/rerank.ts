import { GatewayError } from '../../ir/index.js';
import type { RerankRequest, RerankResult } from '../../rerank/rerank-types.js';
import type { CompatQuirks, EncodedRequest, ProviderContext } from '../provider.js';
import { resolveDialect } from './dialect.js';
import { decodeCohereRerank, encodeCohereRerank } from './rerank-cohere.js';
import { decodeDashScopeRerank, encodeDashScopeRerank } from './rerank-dashscope.js';
import { decodeJinaRerank, encodeJinaRerank } from './rerank-jina.js';
import { type RerankWire, rerankBillingOf } from './rerank-wire.js';

const CODECS: Record<
  RerankWire,
  {
    encode: (request: RerankRequest, context: ProviderContext) => EncodedRequest;
    decode: (body: unknown, documentCount: number) => RerankResult;
  }
> = {
  cohere: { encode: encodeCohereRerank, decode: decodeCohereRerank },
  jina: { encode: encodeJinaRerank, decode: decodeJinaRerank },
  dashscope: { encode: encodeDashScopeRerank, decode: decodeDashScopeRerank },
};

function codecOf(context: ProviderContext) {
  const wire = resolveDialect(context.compat).rerankWire;
  if (!wire) throw new GatewayError({ kind: 'internal', message: 'This channel serves no rerank.' });
  return CODECS[wire];
}

/** How a channel with these quirks bills a rerank; undefined when its vendor serves none (OpenAI itself). */
export function openAIRerankBilling(compat: CompatQuirks | undefined): 'search' | 'tokens' | undefined {
  const wire = resolveDialect(compat).rerankWire;
  return wire ? rerankBillingOf(wire) : undefined;
}

/** `POST /v1/rerank` in the wire of the channel's vendor (its `rerankWire` quirk). */
export function encodeOpenAIRerank(request: RerankRequest, context: ProviderContext): EncodedRequest {
  return codecOf(context).encode(request, context);
}

export function decodeOpenAIRerank(body: unknown, context: ProviderContext, documentCount: number): RerankResult {
  return codecOf(context).decode(body, documentCount);
}
