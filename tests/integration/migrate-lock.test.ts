import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import journal from "@/db/migrations/meta/_journal.json";

// Several instances starting together on one PostgreSQL each run `npm run db:migrate`: exactly one applies
// the migrations (under an advisory lock), the others wait and then find them done. Three processes on a
// fresh database of their own: all exit 0, and each migration is recorded once.

const baseUrl = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : null;
const root = path.resolve(import.meta.dirname, "../..");
const dbName = `cc_migrate_lock_${randomBytes(4).toString("hex")}`;

function admin() {
  const url = new URL(baseUrl!);
  url.pathname = "/postgres";
  return postgres(url.toString(), { max: 1, onnotice: () => {} });
}

function migrate(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: "development", LOG_LEVEL: "info" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

afterAll(async () => {
  if (!baseUrl) return;
  const sql = admin();
  await sql.unsafe(`drop database if exists "${dbName}" with (force)`);
  await sql.end();
});

describe.skipIf(!baseUrl)("migrations under an advisory lock (PostgreSQL)", () => {
  it("three migrate processes at once on a fresh database: all exit 0, each migration applied once", async () => {
    const sql = admin();
    await sql.unsafe(`create database "${dbName}"`);
    await sql.end();
    const url = new URL(baseUrl!);
    url.pathname = `/${dbName}`;

    const runs = await Promise.all([migrate(url.toString()), migrate(url.toString()), migrate(url.toString())]);
    for (const run of runs) expect(run.code, run.out).toBe(0);

    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const rows = await db<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations order by id`;
    const tables = await db<{ n: number }[]>`select count(*)::int as n from pg_tables where tablename = 'campaigns'`;
    await db.end();
    expect(rows.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
    expect(tables[0].n).toBe(1);
  }, 120_000);
});
