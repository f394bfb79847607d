import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
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
});
