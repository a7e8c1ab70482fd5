import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  PostgresAdapter,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's PostgreSQL introspector walks every schema in the database and resolves each schema and
 * table by name (`has_schema_privilege(nspname, …)`, `pg_get_serial_sequence('schema.table', …)`).
 * A schema dropped while that query runs makes it fail with "schema … does not exist", so a store
 * migrating while any other store in the same database drops its schema (parallel tests do this
 * all the time) fails for nothing. This introspector reads only the store's own schema (the given
 * one, else `current_schema()`, where unqualified tables are created), and filters by namespace
 * before any name is resolved. SQLite has one schema per file: its own introspector is kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: introspection works on whatever schema exists
export function ownSchemaIntrospection(db: Kysely<any>, schema: string | undefined): DatabaseIntrospector {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return db.introspection;
  return new OwnSchemaPostgresIntrospector(db, schema);
}

/**
 * The same database handle, whose `introspection` reads only the store's own schema: what Kysely's
 * Migrator is given, since it introspects through `db.introspection` and offers no other hook.
 * Everything else is the original handle's own (methods bound to it, for its private fields).
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
export function withOwnSchemaIntrospection(db: Kysely<any>, schema: string | undefined): Kysely<any> {
  const introspection = ownSchemaIntrospection(db, schema);
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface ColumnRow {
  table: string;
  table_kind: string;
  schema: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  comment: string | null;
  serial_sequence: string | null;
}

class OwnSchemaPostgresIntrospector implements DatabaseIntrospector {
  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: introspection works on whatever schema exists
    private readonly db: Kysely<any>,
    private readonly schema: string | undefined,
  ) {}

  /** Reads pg_namespace only (no name is resolved), so it is safe beside drops as it is. */
  getSchemas(): Promise<SchemaMetadata[]> {
    return this.db.introspection.getSchemas();
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const ownSchema = this.schema === undefined ? sql`current_schema()` : sql`${this.schema}`;
    const withoutMigratorTables = options.withInternalKyselyTables
      ? sql``
      : sql`and c.relname not in (${DEFAULT_MIGRATION_TABLE}, ${DEFAULT_MIGRATION_LOCK_TABLE})`;
    // The select list is computed only for rows that passed the namespace filter, so the
    // name-resolving pg_get_serial_sequence only ever sees this schema's tables.
    const { rows } = await sql<ColumnRow>`
      select c.relname as table, c.relkind as table_kind, ns.nspname as schema,
             a.attname as column, a.attnotnull as not_null, a.atthasdef as has_default,
             typ.typname as type, dtns.nspname as type_schema,
             col_description(a.attrelid, a.attnum) as comment,
             pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname)
               as serial_sequence
      from pg_catalog.pg_namespace ns
      join pg_catalog.pg_class c on c.relnamespace = ns.oid
      join pg_catalog.pg_attribute a on a.attrelid = c.oid
      join pg_catalog.pg_type typ on typ.oid = a.atttypid
      join pg_catalog.pg_namespace dtns on dtns.oid = typ.typnamespace
      where ns.nspname = ${ownSchema}
        and c.relkind in ('r', 'v', 'p')
        and a.attnum >= 0 and not a.attisdropped
        ${withoutMigratorTables}
      order by c.relname, a.attnum`.execute(this.db);
    return tablesOf(rows);
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

function tablesOf(rows: ColumnRow[]): TableMetadata[] {
  const tables = new Map<string, { name: string; schema: string; isView: boolean; columns: ColumnMetadata[] }>();
  for (const row of rows) {
    let table = tables.get(row.table);
    if (!table) {
      table = { name: row.table, schema: row.schema, isView: row.table_kind === 'v', columns: [] };
      tables.set(row.table, table);
    }
    table.columns.push({
      name: row.column,
      dataType: row.type,
      dataTypeSchema: row.type_schema,
      isNullable: !row.not_null,
      hasDefaultValue: row.has_default,
      isAutoIncrementing: row.serial_sequence !== null,
      ...(row.comment === null ? {} : { comment: row.comment }),
    });
  }
  return [...tables.values()];
}
