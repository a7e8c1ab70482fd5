import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a served image link stays valid: a day, so a page of results keeps its pictures. */
export const IMAGE_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Expiries are rounded up to the hour: a task fetched again within the hour keeps the same URL (and the client's cache). */
const EXPIRY_STEP_MS = 60 * 60 * 1000;

/**
 * Signed, expiring links to a task's image served through AIHub (`/mj/image/{taskId}?expires=
 * &signature=`): `<img>` tags send no API key, so the link itself is the permission. It names a
 * task, never a URL: the image streamed is the one stored for that task from its upstream, so a
 * link cannot make AIHub fetch anything else, and it expires.
 */
export class MjImageLinks {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  /** The path and query of the task's image link, valid for at least IMAGE_LINK_TTL_MS. */
  pathFor(taskId: string): string {
    const expires = Math.ceil((this.now() + IMAGE_LINK_TTL_MS) / EXPIRY_STEP_MS) * (EXPIRY_STEP_MS / 1000);
    return `/mj/image/${encodeURIComponent(taskId)}?expires=${expires}&signature=${this.sign(taskId, expires)}`;
  }

  /** Whether the link is one we made for this task and has not expired. */
  verify(taskId: string, expires: unknown, signature: unknown): boolean {
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string') return false;
    const seconds = Number(expires);
    if (seconds * 1000 < this.now()) return false;
    const expected = Buffer.from(this.sign(taskId, seconds));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(taskId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`mj-image\n${taskId}\n${expires}`).digest('base64url');
  }
}
