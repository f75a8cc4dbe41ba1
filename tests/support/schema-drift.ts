// Does a migrated database match the Prisma schema? The expected shape comes from the schema's
// DMMF (Prisma's own parser, @prisma/prisma-schema-wasm at the engines version the CLI uses:
// the generated client only keeps a pruned data model, without nullability or constraints);
// the actual shape is read from the database's catalog with SQL (`prisma migrate diff` cannot
// read a database through a driver adapter). Both become one plain `SchemaShape`, compared by
// `schemaDrift`, which names every difference.
import fs from "node:fs";
import path from "node:path";
import { get_datamodel } from "@prisma/prisma-schema-wasm";
import type { Db } from "@/lib/db";
import { ROOT, type Provider } from "./test-server";

export interface ColumnShape {
  /** SQL type as the catalog names it; undefined = not checked (native types, types without a mapping below) */
  type?: string;
  nullable: boolean;
}

export interface ForeignKeyShape {
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** CASCADE, SET NULL, RESTRICT, NO ACTION or SET DEFAULT */
  onDelete: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** column lists of unique indexes other than the primary key */
  uniques: string[][];
  /** column lists of non-unique indexes */
  indexes: string[][];
  foreignKeys: ForeignKeyShape[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  /** enum type → accepted values (PostgreSQL only: SQLite stores enums as TEXT) */
  enums: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------
// Expected: from the provider's schema.prisma

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  nativeType?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueIndexes: { fields: string[] }[];
}
interface DmmfDatamodel {
  models: DmmfModel[];
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }[];
}

/** The SQL type Prisma's migrations give each scalar type (no @db.* attribute). */
const SQL_TYPES: Record<Provider, Record<string, string>> = {
  sqlite: { String: "TEXT", Int: "INTEGER", BigInt: "BIGINT", Float: "REAL", Decimal: "DECIMAL", Boolean: "BOOLEAN", DateTime: "DATETIME", Bytes: "BLOB" },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  },
};

const ON_DELETE: Record<string, string> = { Cascade: "CASCADE", SetNull: "SET NULL", Restrict: "RESTRICT", NoAction: "NO ACTION", SetDefault: "SET DEFAULT" };

export function loadDatamodel(provider: Provider): DmmfDatamodel {
  const schema = fs.readFileSync(path.join(ROOT, "prisma", provider, "schema.prisma"), "utf8");
  return JSON.parse(get_datamodel(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] }))) as DmmfDatamodel;
}

export function expectedShape(provider: Provider, dm: DmmfDatamodel = loadDatamodel(provider)): SchemaShape {
  const enumDbName = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tables: Record<string, TableShape> = {};
  for (const model of dm.models) {
    const column = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName);
      if (!f) throw new Error(`DMMF: ${model.name}.${fieldName} not found`);
      return f.dbName ?? f.name;
    };
    const table: TableShape = { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
    for (const f of model.fields) {
      if (f.kind === "object") {
        if (f.relationFromFields?.length) {
          const target = dm.models.find((m) => m.name === f.type)!;
          const targetColumn = (n: string) => {
            const tf = target.fields.find((x) => x.name === n)!;
            return tf.dbName ?? tf.name;
          };
          table.foreignKeys.push({
            columns: f.relationFromFields.map(column),
            refTable: target.dbName ?? target.name,
            refColumns: (f.relationToFields ?? []).map(targetColumn),
            // Prisma's defaults: Restrict for a required relation, SetNull for an optional one
            onDelete: ON_DELETE[f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")]!,
          });
        }
        continue;
      }
      let type: string | undefined;
      if (f.nativeType || f.isList) type = undefined;
      else if (f.kind === "enum") type = provider === "postgresql" ? enumDbName.get(f.type) : "TEXT";
      else type = SQL_TYPES[provider][f.type];
      table.columns[f.dbName ?? f.name] = { type, nullable: !f.isRequired };
      if (f.isId) table.primaryKey = [f.dbName ?? f.name];
    }
    if (model.primaryKey) table.primaryKey = model.primaryKey.fields.map(column);
    for (const index of dm.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((x) => column(x.name));
      if (index.type === "unique") table.uniques.push(columns);
      else if (index.type === "normal") table.indexes.push(columns);
    }
    tables[model.dbName ?? model.name] = table;
  }
  const enums: Record<string, string[]> = {};
  if (provider === "postgresql") {
    for (const e of dm.enums) enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  }
  return { tables, enums };
}

// ---------------------------------------------------------------------------------------------
// Actual: from the database's catalog

/** Tables that Prisma itself keeps beside the schema's. */
const PRISMA_TABLES = new Set(["_prisma_migrations"]);

const emptyTable = (): TableShape => ({ columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] });

type Row = Record<string, unknown>;

export async function actualShape(db: Db, provider: Provider): Promise<SchemaShape> {
  return provider === "postgresql" ? postgresShape(db) : sqliteShape(db);
}

async function sqliteShape(db: Db): Promise<SchemaShape> {
  // table-valued pragmas joined to sqlite_master: one query per kind of fact, views excluded
  const tablesSql = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;
  const [columns, indexes, fks] = await Promise.all([
    db.$queryRawUnsafe<Row[]>(
      `SELECT m.name AS tbl, p.name AS col, p.type AS type, p."notnull" AS not_null, p.pk AS pk
         FROM (${tablesSql}) m JOIN pragma_table_info(m.name) p ORDER BY m.name, p.cid`,
    ),
    db.$queryRawUnsafe<Row[]>(
      `SELECT m.name AS tbl, il.name AS idx, il."unique" AS uniq, il.origin AS origin, ii.name AS col
         FROM (${tablesSql}) m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
         ORDER BY m.name, il.name, ii.seqno`,
    ),
    db.$queryRawUnsafe<Row[]>(
      `SELECT m.name AS tbl, f.id AS id, f."table" AS ref, f."from" AS col, f."to" AS refcol, f.on_delete AS on_delete
         FROM (${tablesSql}) m JOIN pragma_foreign_key_list(m.name) f ORDER BY m.name, f.id, f.seq`,
    ),
  ]);
  const tables: Record<string, TableShape> = {};
  const table = (name: unknown) => (tables[String(name)] ??= emptyTable());
  const pk: Record<string, [number, string][]> = {};
  for (const r of columns) {
    table(r.tbl).columns[String(r.col)] = { type: String(r.type), nullable: Number(r.not_null) === 0 };
    if (Number(r.pk) > 0) (pk[String(r.tbl)] ??= []).push([Number(r.pk), String(r.col)]);
  }
  for (const [name, cols] of Object.entries(pk)) table(name).primaryKey = cols.sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  const grouped = groupBy(indexes, (r) => `${r.tbl}\u0000${r.idx}`);
  for (const rows of grouped) {
    const first = rows[0]!;
    if (first.origin === "pk") continue; // the primary key's own index
    const cols = rows.map((r) => String(r.col));
    (Number(first.uniq) === 1 ? table(first.tbl).uniques : table(first.tbl).indexes).push(cols);
  }
  for (const rows of groupBy(fks, (r) => `${r.tbl}\u0000${r.id}`)) {
    const first = rows[0]!;
    table(first.tbl).foreignKeys.push({
      columns: rows.map((r) => String(r.col)),
      refTable: String(first.ref),
      refColumns: rows.map((r) => String(r.refcol)),
      onDelete: String(first.on_delete),
    });
  }
  for (const name of PRISMA_TABLES) delete tables[name];
  return { tables, enums: {} };
}

async function postgresShape(db: Db): Promise<SchemaShape> {
  // catalog columns of type name/"char" are cast to text: the pg adapter cannot map them
  const inSchema = `n.nspname = current_schema()`;
  const columnList = (rel: string, keys: string) =>
    `array_to_string(ARRAY(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum ORDER BY k.ord), ',')`;
  const [columns, indexes, fks, enums] = await Promise.all([
    db.$queryRawUnsafe<Row[]>(
      `SELECT c.relname::text AS tbl, a.attname::text AS col, a.attnotnull AS not_null,
              CASE WHEN t.typtype = 'e' THEN t.typname::text ELSE format_type(a.atttypid, a.atttypmod) END AS type
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         JOIN pg_type t ON t.oid = a.atttypid
        WHERE ${inSchema} AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum`,
    ),
    db.$queryRawUnsafe<Row[]>(
      `SELECT c.relname::text AS tbl, x.indisunique AS uniq, x.indisprimary AS pk, ${columnList("c.oid", "x.indkey")} AS cols
         FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${inSchema} AND c.relkind IN ('r', 'p')`,
    ),
    db.$queryRawUnsafe<Row[]>(
      `SELECT c.relname::text AS tbl, r.relname::text AS ref, con.confdeltype::text AS on_delete,
              ${columnList("con.conrelid", "con.conkey")} AS cols, ${columnList("con.confrelid", "con.confkey")} AS refcols
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${inSchema} AND con.contype = 'f'`,
    ),
    db.$queryRawUnsafe<Row[]>(
      `SELECT t.typname::text AS name, e.enumlabel::text AS value
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE ${inSchema} ORDER BY t.typname, e.enumsortorder`,
    ),
  ]);
  const onDelete: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
  const tables: Record<string, TableShape> = {};
  const table = (name: unknown) => (tables[String(name)] ??= emptyTable());
  for (const r of columns) table(r.tbl).columns[String(r.col)] = { type: String(r.type), nullable: r.not_null !== true };
  for (const r of indexes) {
    const cols = String(r.cols).split(",");
    if (r.pk === true) table(r.tbl).primaryKey = cols;
    else (r.uniq === true ? table(r.tbl).uniques : table(r.tbl).indexes).push(cols);
  }
  for (const r of fks) {
    table(r.tbl).foreignKeys.push({
      columns: String(r.cols).split(","),
      refTable: String(r.ref),
      refColumns: String(r.refcols).split(","),
      onDelete: onDelete[String(r.on_delete)] ?? String(r.on_delete),
    });
  }
  const enumValues: Record<string, string[]> = {};
  for (const r of enums) (enumValues[String(r.name)] ??= []).push(String(r.value));
  for (const name of PRISMA_TABLES) delete tables[name];
  return { tables, enums: enumValues };
}

function groupBy(rows: Row[], key: (r: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------
// Comparison

const cols = (c: string[]) => `(${c.join(", ")})`;
const fkText = (fk: ForeignKeyShape) => `${cols(fk.columns)} -> ${fk.refTable}${cols(fk.refColumns)} ON DELETE ${fk.onDelete}`;

/** Each difference between the schema and the database, in words; [] when they match. */
export function schemaDrift(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [name, want] of Object.entries(expected.tables)) {
    const have = actual.tables[name];
    if (!have) {
      out.push(`table ${name}: missing`);
      continue;
    }
    for (const [col, w] of Object.entries(want.columns)) {
      const h = have.columns[col];
      if (!h) out.push(`column ${name}.${col}: missing`);
      else {
        if (w.nullable !== h.nullable) out.push(`column ${name}.${col}: ${h.nullable ? "nullable" : "NOT NULL"} in the database, ${w.nullable ? "optional" : "required"} in the schema`);
        if (w.type !== undefined && h.type !== undefined && w.type !== h.type) out.push(`column ${name}.${col}: type ${h.type} in the database, ${w.type} expected`);
      }
    }
    for (const col of Object.keys(have.columns)) if (!want.columns[col]) out.push(`column ${name}.${col}: in the database, not in the schema`);
    if (cols(want.primaryKey) !== cols(have.primaryKey)) out.push(`table ${name}: primary key ${cols(have.primaryKey)} in the database, ${cols(want.primaryKey)} expected`);
    compareSets(out, `unique index on ${name}`, want.uniques.map(cols), have.uniques.map(cols));
    compareSets(out, `index on ${name}`, want.indexes.map(cols), have.indexes.map(cols));
    compareSets(out, `foreign key on ${name}`, want.foreignKeys.map(fkText), have.foreignKeys.map(fkText));
  }
  for (const name of Object.keys(actual.tables)) if (!expected.tables[name]) out.push(`table ${name}: in the database, not in the schema`);
  for (const [name, values] of Object.entries(expected.enums)) {
    const have = actual.enums[name];
    if (!have) out.push(`enum ${name}: missing`);
    else compareSets(out, `enum ${name} value`, values, have);
  }
  for (const name of Object.keys(actual.enums)) if (!expected.enums[name]) out.push(`enum ${name}: in the database, not in the schema`);
  return out;
}

function compareSets(out: string[], what: string, want: string[], have: string[]) {
  for (const w of want) if (!have.includes(w)) out.push(`${what} ${w}: missing`);
  for (const h of have) if (!want.includes(h)) out.push(`${what} ${h}: in the database, not in the schema`);
}
