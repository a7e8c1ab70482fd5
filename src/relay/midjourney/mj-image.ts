import type { Logger } from 'pino';
import { GatewayError } from '../../ir/index.js';
import { type FetchedMedia, fetchMedia, type MediaFetchOptions } from '../../upstream/media-fetcher.js';
import type { MjImageLinks } from './mj-image-link.js';
import { mjJobResult } from './mj-job.js';

export interface MjImageDeps {
  links: MjImageLinks;
  /** Finds a job by id alone: the signed link is the permission (an `<img>` sends no key). */
  findJob(id: string): Promise<Parameters<typeof mjJobResult>[0] | undefined>;
  media: MediaFetchOptions;
  logger: Pick<Logger, 'warn'>;
}

/**
 * `GET /mj/image/{taskId}?expires=&signature=`: the image stored for that task, fetched from its
 * upstream through the media fetcher (the SSRF guard, size and time limits, bounded redirects).
 * Nothing of the request can choose what is fetched but the task, and only with a valid link; a
 * bad or expired link and a task without an image are the same 404.
 */
export async function mjTaskImage(
  taskId: string,
  query: { expires?: unknown; signature?: unknown },
  deps: MjImageDeps,
): Promise<FetchedMedia> {
  if (!deps.links.verify(taskId, query.expires, query.signature)) throw imageNotFound();
  const job = await deps.findJob(taskId);
  const url = job ? mjJobResult(job)?.imageUrl : undefined;
  if (!url) throw imageNotFound();
  try {
    return await fetchMedia(url, deps.media, 'imageUrl');
  } catch (error) {
    // The message names the upstream URL: it stays in the operator's log.
    deps.logger.warn({ err: error, taskId }, 'a Midjourney image could not be fetched from its upstream');
    throw new GatewayError({
      kind: 'upstream_error',
      message: "The task's image could not be fetched from its upstream.",
      code: 'upstream_error',
    });
  }
}

function imageNotFound(): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'Image not found.', code: 'not_found' });
}
