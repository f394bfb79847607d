import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
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
type Handle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void>; ping: () => Promise<void>; listen: Listen };

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

function open(): Handle {
  const settings = env();
  if (settings.DATABASE_URL) {
    const client = postgres(settings.DATABASE_URL, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    const db = drizzlePostgres({ client, schema, casing: "snake_case", logger: statementLogger() });
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
    };
  }
  const dir = settings.PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.resolve(dir), { recursive: true });
  // pg_trgm serves the campaign name search (migration 0007); PGlite loads extensions it is given only
  const client = new PGlite(inMemory ? dir : path.resolve(dir), { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: statementLogger() }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    ping: async () => void (await client.query("select 1")),
    listen: async (channel, onMessage) => {
      const unlisten = await client.listen(channel, onMessage);
      return () => unlisten();
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

export { schema };
