import type { ChatRequest } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext, UpstreamTarget } from '../provider.js';
import { refuseForeignServerFeatures } from '../server-tools.js';
import { convertMessages } from './convert-messages.js';
import { applyGeminiOnlyFields } from './gemini-only-fields.js';
import { prepareGenerationConfig } from './generation-config.js';
import { prepareTools } from './prepare-tools.js';
import { bareModelId } from './thought-signature.js';
import type { GeminiRequestBody } from './wire-types.js';

/**
 * Builds `POST {base}/v1beta/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse`
 * for streams. The model is the channel's upstream name (`context.target.model`).
 */
export function encodeGeminiRequest(request: ChatRequest, context: ProviderContext): EncodedRequest {
  refuseForeignServerFeatures(request, 'gemini');
  const model = context.target.model;
  const { contents, systemInstruction } = convertMessages(request.messages, model);
  const { tools, toolConfig } = prepareTools(request.tools, request.toolChoice, request.serverTools);
  const outputsImages = context.model?.outputsImages === true;
  const { generationConfig, droppedParams } = prepareGenerationConfig(request, model, outputsImages);

  const body: GeminiRequestBody = applyGeminiOnlyFields(
    {
      contents,
      ...(systemInstruction ? { systemInstruction } : {}),
      ...(tools ? { tools } : {}),
      ...(toolConfig ? { toolConfig } : {}),
      ...(generationConfig ? { generationConfig } : {}),
    },
    request.extraBody,
  );

  return {
    http: {
      method: 'POST',
      url: geminiUrl(context.target, request.stream),
      headers: {
        'content-type': 'application/json',
        'x-goog-api-key': context.target.apiKey,
        ...context.target.headers,
      },
      body: JSON.stringify(body),
    },
    droppedParams,
  };
}

export function geminiUrl(target: UpstreamTarget, stream: boolean): string {
  const base = target.baseUrl.replace(/\/+$/, '');
  const model = encodeURIComponent(bareModelId(target.model));
  return stream
    ? `${base}/v1beta/models/${model}:streamGenerateContent?alt=sse`
    : `${base}/v1beta/models/${model}:generateContent`;
}
