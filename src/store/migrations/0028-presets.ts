import type { Kysely } from 'kysely';

/**
 * Presets (issue 18): a named bundle of a model or fallback list, a system prompt, parameters and
 * provider preferences, called as `model: "@preset/name"`. `owner` is the user's id, or `*` for
 * the operator's presets, which every user may call; a name is unique per owner, and a user's own
 * preset of a name wins over the operator's. `body` is the bundle as JSON (presets/preset-body.ts).
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('presets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('presets_owner_name').on('presets').columns(['owner', 'name']).unique().execute();
}
