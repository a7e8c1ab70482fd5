/**
 * Operators' announcements: written in both languages (Markdown bodies), live between their start
 * and end, shown on the landing page and in the console. Stored as they are given; rendering
 * (Markdown without HTML) is the console's job.
 */
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { AnnouncementsTable } from '../store/schema.js';

export interface Announcement {
  id: string;
  title: { en: string; zh: string };
  body: { en: string; zh: string };
  startsAt: number;
  endsAt: number | null;
  pinned: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface AnnouncementInput {
  title: { en: string; zh: string };
  body: { en: string; zh: string };
  /** Default: now. */
  startsAt?: number;
  endsAt?: number | null;
  pinned?: boolean;
}

/** Live notices shown at once; older ones drop off the landing page (the admin list has them all). */
export const MAX_LIVE_ANNOUNCEMENTS = 20;

export class AnnouncementService {
  constructor(
    private readonly store: Store,
    private readonly options: { now: () => number; newId: (prefix: string) => string },
  ) {}

  /** Every announcement, newest start first (the admin page). */
  async list(): Promise<Announcement[]> {
    const rows = await this.store.db
      .selectFrom('announcements')
      .selectAll()
      .orderBy('starts_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map(toAnnouncement);
  }

  /** Those live now (started, not ended): pinned first, then newest start first. */
  async live(): Promise<Announcement[]> {
    const now = this.options.now();
    const rows = await this.store.db
      .selectFrom('announcements')
      .selectAll()
      .where('starts_at', '<=', now)
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
      .orderBy('pinned', 'desc')
      .orderBy('starts_at', 'desc')
      .orderBy('id')
      .limit(MAX_LIVE_ANNOUNCEMENTS)
      .execute();
    return rows.map(toAnnouncement);
  }

  async create(input: AnnouncementInput, createdBy: string): Promise<Announcement> {
    const now = this.options.now();
    const row: AnnouncementsTable = {
      id: this.options.newId('ann'),
      ...columns(input, now),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.store.db.insertInto('announcements').values(row).execute();
    return toAnnouncement(row);
  }

  async update(id: string, input: AnnouncementInput): Promise<Announcement> {
    const now = this.options.now();
    const current = await this.get(id);
    const values = columns({ ...input, startsAt: input.startsAt ?? current.startsAt }, now);
    await this.store.db
      .updateTable('announcements')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const result = await this.store.db.deleteFrom('announcements').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(id);
  }

  async get(id: string): Promise<Announcement> {
    const row = await this.store.db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toAnnouncement(row);
  }
}

function columns(input: AnnouncementInput, now: number) {
  const startsAt = input.startsAt ?? now;
  const endsAt = input.endsAt ?? null;
  if (!input.title.en.trim() && !input.title.zh.trim()) {
    throw invalid('title', 'Give the announcement a title in at least one language.');
  }
  if (endsAt !== null && endsAt <= startsAt) throw invalid('endsAt', 'The end must come after the start.');
  return {
    title_en: input.title.en.trim(),
    title_zh: input.title.zh.trim(),
    body_en: input.body.en,
    body_zh: input.body.zh,
    starts_at: startsAt,
    ends_at: endsAt,
    pinned: input.pinned ? 1 : 0,
  };
}

function toAnnouncement(row: AnnouncementsTable): Announcement {
  return {
    id: row.id,
    title: { en: row.title_en, zh: row.title_zh },
    body: { en: row.body_en, zh: row.body_zh },
    startsAt: Number(row.starts_at),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    pinned: Number(row.pinned) === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_announcement', param, message });
}

function notFound(id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'announcement_not_found', message: `No announcement ${id}.` });
}
