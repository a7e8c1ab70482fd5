import { Agent, request } from 'undici';
import { GatewayError } from '../ir/index.js';
import { discardBody } from './http-client.js';
import { BlockedAddressError, guardedLookup, urlNamesPrivateAddress } from './ssrf-guard.js';

export interface MediaFetchOptions {
  /** Allow private and loopback addresses (self-hosted set-ups and tests). Default false. */
  allowPrivateAddresses: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_MEDIA_FETCH: MediaFetchOptions = {
  allowPrivateAddresses: false,
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
};

const guardedAgent = new Agent({ connect: { lookup: guardedLookup as never, timeout: 5_000 } });
const openAgent = new Agent({ connect: { timeout: 5_000 } });

export interface FetchedMedia {
  mediaType: string;
  data: Buffer;
}

/** Fetches a client-supplied http(s) URL through the SSRF guard, with size, time and redirect limits. */
export async function fetchMedia(url: string, options: MediaFetchOptions, param: string): Promise<FetchedMedia> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const target = parseTarget(current, options, param);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(target, {
        method: 'GET',
        signal,
        dispatcher: options.allowPrivateAddresses ? openAgent : guardedAgent,
        headers: { accept: 'image/*,application/pdf,*/*;q=0.5', 'user-agent': 'AIHub-media-fetcher' },
      });
    } catch (error) {
      throw fetchError(error, url, param);
    }
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      discardBody(response.body);
      if (redirects >= options.maxRedirects) throw mediaError(`Too many redirects fetching ${url}.`, param);
      current = new URL(String(response.headers.location), target).toString();
      continue;
    }
    if (response.statusCode !== 200) {
      discardBody(response.body);
      throw mediaError(`Fetching ${url} failed with HTTP ${response.statusCode}.`, param);
    }
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      discardBody(response.body);
      throw mediaError(`${url} is larger than the ${options.maxBytes}-byte limit.`, param);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > options.maxBytes) {
          discardBody(response.body);
          throw mediaError(`${url} is larger than the ${options.maxBytes}-byte limit.`, param);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      throw fetchError(error, url, param);
    }
    const contentType =
      String(response.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() || guessMediaType(target);
    return { mediaType: contentType, data: Buffer.concat(chunks) };
  }
}

function parseTarget(url: string, options: MediaFetchOptions, param: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw mediaError('The media URL is not a valid URL.', param);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw mediaError('Only http(s) media URLs can be fetched.', param);
  }
  if (!options.allowPrivateAddresses && urlNamesPrivateAddress(target)) {
    throw mediaError('Media URLs must point to public addresses.', param);
  }
  return target;
}

function guessMediaType(url: URL): string {
  const extension = url.pathname.split('.').pop()?.toLowerCase();
  const known: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    pdf: 'application/pdf',
  };
  return (extension && known[extension]) || 'application/octet-stream';
}

function fetchError(error: unknown, url: string, param: string): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof BlockedAddressError || (error as { cause?: unknown })?.cause instanceof BlockedAddressError) {
    return mediaError('Media URLs must point to public addresses.', param);
  }
  if ((error as { name?: string })?.name === 'TimeoutError') return mediaError(`Fetching ${url} timed out.`, param);
  return mediaError(`Fetching ${url} failed.`, param);
}

function mediaError(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_image_url' });
}
