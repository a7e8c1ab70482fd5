/**
 * Downloads a catalog file (the built-in catalog's JSON format) for an admin refresh: one GET,
 * no redirects followed, a time limit and a size limit, public addresses only unless the operator
 * allows private ones (a catalog mirrored inside the company network).
 */
import { Agent, request } from 'undici';
import { GatewayError } from '../ir/index.js';
import { BlockedAddressError, guardedLookup, urlNamesPrivateAddress } from '../upstream/ssrf-guard.js';

export interface CatalogFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivateAddresses: boolean;
}

export const DEFAULT_CATALOG_FETCH: CatalogFetchOptions = {
  timeoutMs: 30_000,
  // The built-in catalog is ~0.6 MB; a full LiteLLM-sized file stays far below this.
  maxBytes: 32 * 1024 * 1024,
  allowPrivateAddresses: false,
};

const guardedAgent = new Agent({ connect: { lookup: guardedLookup as never, timeout: 5_000 } });
const openAgent = new Agent({ connect: { timeout: 5_000 } });

function failure(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'catalog_fetch_failed', param: 'url', message });
}

export async function fetchCatalogJson(url: string, options: CatalogFetchOptions): Promise<unknown> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw failure('The catalog URL is not a valid URL.');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw failure('Only http(s) catalog URLs can be fetched.');
  if (!options.allowPrivateAddresses && urlNamesPrivateAddress(target)) {
    throw failure('The catalog URL must point to a public address.');
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(target, {
      method: 'GET',
      signal,
      dispatcher: options.allowPrivateAddresses ? openAgent : guardedAgent,
      headers: { accept: 'application/json', 'user-agent': 'AIHub-catalog-refresh' },
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw failure(`Fetching the catalog failed with HTTP ${response.statusCode}.`);
    }
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      await response.body.dump();
      throw failure(`The catalog is larger than the ${options.maxBytes}-byte limit.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        response.body.destroy();
        throw failure(`The catalog is larger than the ${options.maxBytes}-byte limit.`);
      }
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw failure('The catalog is not valid JSON.');
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (error instanceof BlockedAddressError || (error as { cause?: unknown })?.cause instanceof BlockedAddressError) {
      throw failure('The catalog URL must point to a public address.');
    }
    if ((error as { name?: string })?.name === 'TimeoutError') throw failure('Fetching the catalog timed out.');
    throw failure(`Fetching the catalog failed: ${(error as Error)?.message ?? String(error)}`);
  }
}
