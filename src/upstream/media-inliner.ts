import type { ChatRequest, FilePart, ImagePart, ToolResultContentPart, UserContentPart } from '../ir/index.js';
import type { InlineMediaNeeds } from '../providers/provider.js';
import { fetchMedia, type MediaFetchOptions } from './media-fetcher.js';

/**
 * Replaces http(s) image and file sources with inline bytes, for vendors that only accept bytes.
 * Returns a new request; the input is not modified (it may be retried on another channel).
 */
export async function inlineRemoteMedia(
  request: ChatRequest,
  needs: InlineMediaNeeds,
  options: MediaFetchOptions,
): Promise<ChatRequest> {
  const jobs: Promise<void>[] = [];
  const messages = request.messages.map((message, messageIndex) => {
    if (message.role !== 'user' && message.role !== 'tool') return message;
    const content = (message.content as Array<UserContentPart | ToolResultContentPart>).map((part, partIndex) => {
      if ((part.type !== 'image' && part.type !== 'file') || part.source.kind !== 'url') return part;
      if ((part.type === 'image' && !needs.images) || (part.type === 'file' && !needs.files)) return part;
      const copy: ImagePart | FilePart = { ...part };
      const param = `messages[${messageIndex}].content[${partIndex}]`;
      jobs.push(
        fetchMedia(part.source.url, options, param).then((media) => {
          copy.source = { kind: 'base64', mediaType: media.mediaType, data: media.data.toString('base64') };
          if (copy.type === 'file') copy.mediaType = media.mediaType;
        }),
      );
      return copy;
    });
    return { ...message, content } as typeof message;
  });
  if (jobs.length === 0) return request;
  await Promise.all(jobs);
  return { ...request, messages };
}
