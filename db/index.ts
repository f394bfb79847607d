import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Column, fillPlaceholders, getTableColumns, is, SQL, Table, type DriverValueDecoder } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Logger } from "drizzle-orm/logger";
import postgres from "postgres";
import { env, sqlStatsEnabled } from "@/lib/env";
import * as schema from "./schema";

// The one database handle. PGlite in PGLITE_DIR when DATABASE_URL is unset, postgres.js otherwise;
// both speak the same SQL and run the same committed migrations.

export type Db = PostgresJsDatabase<typeof schema>;

type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
/** One statement's rows as arrays of values (in the order selected), timestamps as the text drizzle decodes. */
type Values = (text: string, params: unknown[], prepare: boolean) => Promise<unknown[][]>;
type Handle = {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  ping: () => Promise<void>;
  listen: Listen;
  values: Values;
};

const MIGRATIONS = path.join(process.cwd(), "db/migrations");

// Next.js may evaluate this module more than once in one process (several bundles); PGlite must be
// opened once per process, so the handle lives on globalThis.
const holder = globalThis as unknown as { __campaignConsoleDb?: Handle; __campaignConsoleSqlObserver?: (sql: string) => void };

/**
 * Opt-in statement counting, a debugging switch (SQL_STATS=1): every statement Drizzle sends is handed to
 * the observer lib/debug/sql-stats.ts installs, which counts it per page render. Unset, nothing is wrapped.
 */
export function observeStatements(observer: (sql: string) => void): void {
  holder.__campaignConsoleSqlObserver = observer;
}

function statementLogger(): Logger | undefined {
  if (!sqlStatsEnabled()) return undefined;
  return { logQuery: (sql) => holder.__campaignConsoleSqlObserver?.(sql) };
}

function statementObserver(): ((sql: string) => void) | undefined {
  return sqlStatsEnabled() ? (sql) => holder.__campaignConsoleSqlObserver?.(sql) : undefined;
}

/** As drizzle's PGlite driver reads rows: arrays, times as text. */
const PGLITE_ARRAYS = {
  rowMode: "array" as const,
  parsers: Object.fromEntries(
    [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [t, (v: string) => v]),
  ),
};

/**
 * drizzle sends every statement without a name (unless given one with .prepare()), and postgres.js, which
 * must know the types of an unnamed statement's parameters to send them, first asks the server for them
 * and waits: two round trips per statement, and the statements a transaction sends together
 * (Promise.all) go one after another. Named, a statement is described once per connection and then takes
 * one round trip, and a transaction's statements travel together. So drizzle's statements are sent named
 * (postgres.js's own default), except large ones — a bulk insert's text depends on its row count, and each
 * named text is kept by the server for the connection's life. A statement that must be planned for its
 * values (a name search) goes through compile() with `prepare: false`, which this does not touch; nested
 * transactions (savepoints) are not wrapped: the app has none.
 */
const PREPARE_MAX_PARAMS = 200;
const PREPARE_MAX_TEXT = 16_384;

function preparing(sql: postgres.Sql, onFailure?: (error: unknown) => void): postgres.Sql {
  const unsafe = (text: string, params?: unknown[], options?: { prepare?: boolean }) => {
    const query = sql.unsafe(text, params as never, {
      ...options,
      prepare: options?.prepare || ((params?.length ?? 0) <= PREPARE_MAX_PARAMS && text.length <= PREPARE_MAX_TEXT),
    });
    if (onFailure) query.catch(onFailure);
    return query;
  };
  // A transaction's own handle, as drizzle's transactions use it. Its statements travel together, so when
  // one fails the ones after it fail too ("current transaction is aborted", 25P02), and a Promise.all may
  // reject with one of those: the transaction answers with the failure that came first, as sql.begin does.
  const begin = async (fn: (tx: postgres.TransactionSql) => unknown) => {
    let first: unknown = null;
    try {
      return await sql.begin((tx) =>
        fn(preparing(tx as unknown as postgres.Sql, (e) => (first ??= e)) as unknown as postgres.TransactionSql),
      );
    } catch (error) {
      const code = (e: unknown) => (e as { code?: string })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
      throw code(error) === "25P02" && first && code(first) !== "25P02" ? first : error;
    }
  };
  return new Proxy(sql, {
    get: (target, property, receiver) =>
      property === "unsafe" ? unsafe : property === "begin" ? begin : Reflect.get(target, property, receiver),
  });
}

function open(): Handle {
  const settings = env();
  if (settings.DATABASE_URL) {
    const client = postgres(settings.DATABASE_URL, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    const db = drizzlePostgres({ client: preparing(client), schema, casing: "snake_case", logger: statementLogger() });
    const observe = statementObserver();
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      ping: async () => void (await client`select 1`),
      // postgres.js keeps one connection for LISTEN and re-listens after a reconnect
      listen: async (channel, onMessage) => {
        const { unlisten } = await client.listen(channel, onMessage);
        return unlisten;
      },
      // prepared: postgres.js names the statement on each connection the first time it sends this text
      // (drizzle's own client sets the parsers, so times come back as text, as drizzle reads them)
      values: (text, params, prepare) => {
        observe?.(text);
        return client.unsafe(text, params as never[], { prepare }).values();
      },
    };
  }
  const dir = settings.PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.resolve(dir), { recursive: true });
  // pg_trgm serves the campaign name search (migration 0007); PGlite loads extensions it is given only
  const client = new PGlite(inMemory ? dir : path.resolve(dir), { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: statementLogger() }) as unknown as Db;
  const observe = statementObserver();
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    ping: async () => void (await client.query("select 1")),
    listen: async (channel, onMessage) => {
      const unlisten = await client.listen(channel, onMessage);
      return () => unlisten();
    },
    values: async (text, params) => {
      observe?.(text);
      return (await client.query<unknown[]>(text, params, PGLITE_ARRAYS)).rows;
    },
  };
}

function handle(): Handle {
  holder.__campaignConsoleDb ??= open();
  return holder.__campaignConsoleDb;
}

export function getDb(): Db {
  return handle().db;
}

export async function pingDatabase(): Promise<void> {
  await handle().ping();
}

/** LISTEN on a channel (NOTIFY is delivered at commit, to every instance on the same database). */
export function listenDatabase(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  return handle().listen(channel, onMessage);
}

export async function migrateDatabase(): Promise<void> {
  const h = handle();
  if (h.kind === "postgres") await migratePostgres(h.db, { migrationsFolder: MIGRATIONS });
  else await migratePglite(h.db as never, { migrationsFolder: MIGRATIONS });
}

export async function closeDatabase(): Promise<void> {
  const h = holder.__campaignConsoleDb;
  holder.__campaignConsoleDb = undefined;
  if (h) await h.close();
}

// ── Hot statements, compiled once ────────────────────────────────────────────────────────────────

/** A select built with drizzle (values as `sql.placeholder(name)` where they change per call). */
type Compilable = { toSQL(): { sql: string; params: unknown[] } };

/**
 * A select compiled once: its SQL text and parameters (placeholders where values change) as drizzle renders
 * them, run with each call's values as a prepared statement on PostgreSQL, rows mapped by precomputed
 * column decoders (drizzle's own mapFromDriverValue) instead of drizzle's per-cell type checks. For the
 * requests every API call makes (session, membership, list page). A selection is scalars and objects of
 * columns; an object of a left-joined table is not turned into null when its row is missing (it is all nulls):
 * say so by reading it only when the row says it exists.
 */
export type Statement<T> = {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Sent as a named prepared statement on PostgreSQL. */
  readonly prepare: boolean;
  /** The parameters of one run: the placeholders filled with these values. */
  bind(values: Record<string, unknown>): unknown[];
  run(values: Record<string, unknown>): Promise<T[]>;
};

/** The selection in the order drizzle renders it (its orderSelectedFields, not in its typings). */
function orderedFields(selection: Record<string, unknown>, path: string[] = []): { path: string[]; field: unknown }[] {
  return Object.entries(selection).flatMap(([name, field]) => {
    const at = [...path, name];
    if (is(field, Column) || is(field, SQL) || is(field, SQL.Aliased)) return [{ path: at, field }];
    return orderedFields(is(field, Table) ? getTableColumns(field) : (field as Record<string, unknown>), at);
  });
}

/**
 * `prepare: false` for a statement whose best plan depends on its values (a name search: the trigram index
 * for a rare term, the ordered index for a common one): PostgreSQL plans an unnamed statement for the
 * values it is sent with, while a prepared one may settle on a generic plan after five runs.
 */
export function compile<T>(query: Compilable, options: { prepare?: boolean } = {}): Statement<T> {
  const prepare = options.prepare ?? true;
  const { sql: text, params } = query.toSQL();
  const fields = orderedFields((query as unknown as { config: { fields: Record<string, unknown> } }).config.fields);
  const decoders: (DriverValueDecoder<unknown, unknown> | null)[] = fields.map(({ field }) => {
    if (is(field, Column)) return field;
    const f = field as { decoder?: DriverValueDecoder<unknown, unknown>; sql?: { decoder?: DriverValueDecoder<unknown, unknown> } };
    return f.decoder ?? f.sql?.decoder ?? null;
  });
  if (fields.some((f) => f.path.length > 2)) throw new Error("compile: selections one level deep only");
  // a literal's "__proto__" key would set the row's prototype, not a field
  if (fields.some((f) => f.path.includes("__proto__"))) throw new Error("compile: no field may be named __proto__");
  // The row mapper is generated once per statement: an object literal in the selection's shape, each value
  // through its column's decoder unless that is the identity (text, uuid, boolean, time columns)
  const identity = (decoder: DriverValueDecoder<unknown, unknown> | null) =>
    !decoder || decoder.mapFromDriverValue === Column.prototype.mapFromDriverValue;
  const cell = (i: number) => (identity(decoders[i]) ? `r[${i}] ?? null` : `r[${i}] == null ? null : d[${i}].mapFromDriverValue(r[${i}])`);
  const parts: string[] = [];
  for (let i = 0; i < fields.length; i += 1) {
    const [head, tail] = fields[i].path;
    if (tail === undefined) parts.push(`${JSON.stringify(head)}: ${cell(i)}`);
    else if (i === 0 || fields[i - 1].path[0] !== head || fields[i - 1].path.length !== 2)
      parts.push(`${JSON.stringify(head)}: { ${JSON.stringify(tail)}: ${cell(i)}`);
    else parts[parts.length - 1] += `, ${JSON.stringify(tail)}: ${cell(i)}`;
    if (tail !== undefined && (i === fields.length - 1 || fields[i + 1].path[0] !== head || fields[i + 1].path.length !== 2))
      parts[parts.length - 1] += " }";
  }
  const mapRow = new Function("d", "r", `return { ${parts.join(", ")} };`) as (
    d: (DriverValueDecoder<unknown, unknown> | null)[],
    r: unknown[],
  ) => T;
  const map = (row: unknown[]): T => mapRow(decoders, row);
  const bind = (values: Record<string, unknown>) => fillPlaceholders(params, values);
  return {
    sql: text,
    params,
    bind,
    prepare,
    run: async (values) => (await handle().values(text, bind(values), prepare)).map(map),
  };
}

export { schema };
