import { describe, expect, it } from "vitest";
import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { campaignSortColumns, campaigns, type CampaignSort } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { AGENT_AVA, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

useSandbox();

async function seed(ws: TestWorkspace, count: number, sameInstant = false) {
  const base = Date.now() - count * 1000;
  await getDb()
    .insert(campaigns)
    .values(
      Array.from({ length: count }, (_, i) => ({
        workspaceId: ws.id,
        status: (i % 5 === 0 ? "failed" : "created") as "failed" | "created",
        name: i % 2 ? `Renewals 100% batch ${i}` : `Winback ${i}`,
        agentId: AGENT_AVA,
        startTime: "09:00:00",
        endTime: "17:00:00",
        minCallsPerHour: 1,
        maxCallsPerHour: 10,
        idempotencyKey: `seed-${i}`,
        requestHash: "x",
        createdBy: ws.owner.id,
        createdAt: new Date(sameInstant ? base : base + i * 1000),
      })),
    );
}

function list(ws: TestWorkspace, query: string) {
  return call(campaignsRoute.GET, "GET", "", { user: ws.owner, params: { workspace_id: ws.id }, query });
}

describe("GET /campaigns", () => {
  it("pages newest first with a keyset cursor, without gaps or repeats", async () => {
    const ws = await liveWorkspace();
    await seed(ws, 23);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(ws, `limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.campaigns.map((c: { name: string }) => c.name));
      cursor = res.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toMatch(/ 22$/);
    expect(seen[22]).toMatch(/ 0$/);
  });

  it("keeps paging right when many campaigns share one created_at", async () => {
    const ws = await liveWorkspace();
    await seed(ws, 12, true);
    const first = await list(ws, "limit=5");
    const second = await list(ws, `limit=5&cursor=${first.body.next_cursor}`);
    const third = await list(ws, `limit=5&cursor=${second.body.next_cursor}`);
    const ids = [...first.body.campaigns, ...second.body.campaigns, ...third.body.campaigns].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(12);
    expect(third.body.next_cursor).toBeNull();
  });

  it("searches by name (a % is a literal) and filters by status", async () => {
    const ws = await liveWorkspace();
    await seed(ws, 10);
    const byName = await list(ws, `q=${encodeURIComponent("100%")}`);
    expect(byName.body.campaigns).toHaveLength(5);
    const winback = await list(ws, "q=winback");
    expect(winback.body.campaigns.every((c: { name: string }) => c.name.startsWith("Winback"))).toBe(true);
    const failed = await list(ws, "status=failed");
    expect(failed.body.campaigns.map((c: { status: string }) => c.status)).toEqual(["failed", "failed"]);
  });

  it("refuses a NUL character in the search by name, not with a 500 (found by the fuzz suite)", async () => {
    const ws = await liveWorkspace();
    const res = await list(ws, `q=${encodeURIComponent("a\u0000b")}`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "q", message: expect.stringContaining("NUL") }]);
  });

  it("rejects a bad limit, cursor or status by name", async () => {
    const ws = await liveWorkspace();
    const res = await list(ws, "limit=0&cursor=garbage&status=done");
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["cursor", "limit", "status"]);
  });

  it("refuses an unknown sort or order by name", async () => {
    const ws = await liveWorkspace();
    const res = await list(ws, "sort=agent_id&order=up");
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["order", "sort"]);
  });
});

/** Campaigns whose sort values tie a lot: 3 names, 3 dial counts, 4 minute totals, every status, 6 instants. */
async function seedTies(ws: TestWorkspace, count: number) {
  const base = Date.now() - 3_600_000;
  await getDb()
    .insert(campaigns)
    .values(
      Array.from({ length: count }, (_, i) => ({
        workspaceId: ws.id,
        status: (["queued", "pending", "created", "failed", "unknown"] as const)[i % 5],
        name: ["Alpha", "beta", "Gamma"][i % 3],
        agentId: AGENT_AVA,
        startTime: "09:00:00",
        endTime: "17:00:00",
        minCallsPerHour: 1,
        maxCallsPerHour: 10,
        dials: i % 3,
        totalPickups: i % 2,
        totalPositiveOutcomes: i % 4 === 0 ? 1 : 0,
        totalMinUsed: (i % 4) / 3,
        idempotencyKey: `tie-${i}`,
        requestHash: "x",
        createdBy: ws.owner.id,
        createdAt: new Date(base + (i % 6) * 1000),
      })),
    );
}

/** The whole list in one read, in the database's own order for this sort: what paging must add up to. */
async function fullOrder(ws: TestWorkspace, sort: CampaignSort, order: "asc" | "desc") {
  const by = order === "asc" ? asc : desc;
  const rows = await getDb()
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.workspaceId, ws.id))
    .orderBy(by(campaignSortColumns[sort]), by(campaigns.id));
  return rows.map((r) => r.id);
}

const ids = (res: { body: { campaigns: { id: string }[] } }) => res.body.campaigns.map((c) => c.id);

describe("GET /campaigns sorted, paged both ways", () => {
  const sorts = Object.keys(campaignSortColumns) as CampaignSort[];

  it.each(sorts.flatMap((sort) => (["asc", "desc"] as const).map((order) => [sort, order] as const)))(
    "sort=%s order=%s: forward then back through every page, ties broken by id, nothing missed or repeated",
    async (sort, order) => {
      const ws = await liveWorkspace();
      await seedTies(ws, 23);
      const expected = await fullOrder(ws, sort, order);
      const pages: string[][] = [];
      let res = await list(ws, `sort=${sort}&order=${order}&limit=5`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.prev_cursor).toBeNull();
      for (;;) {
        pages.push(ids(res));
        if (!res.body.next_cursor) break;
        res = await list(ws, `sort=${sort}&order=${order}&limit=5&cursor=${res.body.next_cursor}`);
        expect(res.status, res.text).toBe(200);
        expect(res.body.prev_cursor).not.toBeNull();
      }
      expect(pages.flat()).toEqual(expected);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      // and back from the last page to the first, page by page
      for (let i = pages.length - 2; i >= 0; i--) {
        res = await list(ws, `sort=${sort}&order=${order}&limit=5&cursor=${res.body.prev_cursor}`);
        expect(res.status, res.text).toBe(200);
        expect(ids(res)).toEqual(pages[i]);
        expect(res.body.next_cursor).not.toBeNull();
      }
      expect(res.body.prev_cursor).toBeNull();
    },
  );

  it("sorts names A→Z and numbers and times largest first unless told", async () => {
    const ws = await liveWorkspace();
    await seedTies(ws, 12);
    expect(ids(await list(ws, "sort=name"))).toEqual(await fullOrder(ws, "name", "asc"));
    expect(ids(await list(ws, "sort=status"))).toEqual(await fullOrder(ws, "status", "asc"));
    expect(ids(await list(ws, "sort=dials"))).toEqual(await fullOrder(ws, "dials", "desc"));
    expect(ids(await list(ws, "sort=total_min_used"))).toEqual(await fullOrder(ws, "total_min_used", "desc"));
    expect(ids(await list(ws, ""))).toEqual(await fullOrder(ws, "created_at", "desc"));
  });

  it("keeps the search and the status filter while paging both ways", async () => {
    const ws = await liveWorkspace();
    await seedTies(ws, 30);
    const query = "sort=dials&order=asc&q=alp&status=queued&limit=1";
    const first = await list(ws, query);
    const second = await list(ws, `${query}&cursor=${first.body.next_cursor}`);
    expect(
      [...first.body.campaigns, ...second.body.campaigns].every(
        (c: { name: string; status: string }) => c.name === "Alpha" && c.status === "queued",
      ),
    ).toBe(true);
    const back = await list(ws, `${query}&cursor=${second.body.prev_cursor}`);
    expect(ids(back)).toEqual(ids(first));
  });

  it("refuses a cursor issued for another sort or order, naming the cursor", async () => {
    const ws = await liveWorkspace();
    await seedTies(ws, 6);
    const byName = await list(ws, "sort=name&limit=2");
    for (const query of [
      `cursor=${byName.body.next_cursor}`,
      `sort=dials&cursor=${byName.body.next_cursor}`,
      `sort=name&order=desc&cursor=${byName.body.next_cursor}`,
    ]) {
      const res = await list(ws, query);
      expect(res.status, query).toBe(422);
      expect(res.body.errors).toEqual([{ path: "cursor", message: expect.stringContaining("sort=name&order=asc") }]);
    }
    expect((await list(ws, `sort=name&order=asc&cursor=${byName.body.next_cursor}`)).status).toBe(200);
  });
});
