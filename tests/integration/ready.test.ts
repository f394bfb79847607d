import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as ready from "@/app/api/ready/route";
import journal from "@/db/migrations/meta/_journal.json";
import { getDb } from "@/db";

// /api/ready: an instance takes traffic only when its database answers and every committed migration is
// applied; otherwise 503 naming what is missing (a load balancer keeps it out of rotation meanwhile).

describe("GET /api/ready", () => {
  it("is ready when every migration in db/migrations is applied", async () => {
    const res = await ready.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", database: "ok", migrations: journal.entries.length });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is not ready, naming the migration, while one is missing", async () => {
    const last = journal.entries.at(-1)!;
    await getDb().execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last.when}`);
    try {
      const res = await ready.GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "not_ready", database: "ok", missing_migrations: [last.tag] });
    } finally {
      await getDb().execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored', ${last.when})`);
    }
    expect((await ready.GET()).status).toBe(200);
  });
});
