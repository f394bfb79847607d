// GET /api/ready — may this instance take traffic? The database answers and every committed migration is
// applied (an instance started before the migrations ran, or while they run, is not ready). 503 otherwise,
// naming what is missing. /api/health stays the liveness probe.
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import journal from "@/db/migrations/meta/_journal.json";
import { isShuttingDown } from "@/lib/jobs/worker";
import { traced } from "@/lib/log/request";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/** The committed migrations not yet applied (drizzle records each by its journal timestamp). */
async function missingMigrations(): Promise<string[]> {
  const exists = await getDb().execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  const present = (Array.isArray(exists) ? exists : (exists as { rows: unknown[] }).rows) as { present: boolean }[];
  if (!present[0]?.present) return journal.entries.map((e) => e.tag);
  const result = await getDb().execute(sql`select created_at from drizzle.__drizzle_migrations`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { created_at: string | number }[];
  const applied = new Set(rows.map((r) => Number(r.created_at)));
  return journal.entries.filter((e) => !applied.has(e.when)).map((e) => e.tag);
}

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref());

export const GET = traced("/api/ready", async () => {
  if (isShuttingDown()) return Response.json({ status: "shutting_down" }, { status: 503, headers: NO_STORE });
  let missing: string[];
  try {
    missing = await Promise.race([missingMigrations(), timeout(3000)]);
  } catch {
    return Response.json({ status: "not_ready", database: "down" }, { status: 503, headers: NO_STORE });
  }
  if (missing.length) {
    return Response.json({ status: "not_ready", database: "ok", missing_migrations: missing }, { status: 503, headers: NO_STORE });
  }
  return Response.json({ status: "ready", database: "ok", migrations: journal.entries.length }, { headers: NO_STORE });
});
