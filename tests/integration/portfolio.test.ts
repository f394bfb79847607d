import { afterAll, describe, expect, it } from "vitest";
import { and, eq, gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { portfolioFigures, sumFigures } from "@/db/queries/portfolio";
import { requestSync } from "@/lib/calls/sync";
import { Worker } from "@/lib/jobs/worker";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

useSandbox({ slowMs: 2500 });
const worker = new Worker({ concurrency: 10, pollMs: 100 });
afterAll(() => worker.stop());

async function withCalls(ws: TestWorkspace, name: string) {
  const res = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name }),
  });
  expect(res.status, res.text).toBe(201);
  await requestSync(ws.id);
  await worker.drain();
}

describe("portfolio figures", () => {
  it("add up each workspace's campaigns, and count only the calls of a date range when one is given", async () => {
    const a = await liveWorkspace();
    const b = await liveWorkspace();
    const empty = await liveWorkspace();
    await withCalls(a, "A [history:140]");
    await withCalls(a, "A2 [history:70]");
    await withCalls(b, "B [history:35]");
    const all = await portfolioFigures([a.id, b.id, empty.id]);
    const callCount = async (ws: string, since?: Date) =>
      (
        await getDb()
          .select({ n: sql<number>`count(*)::int` })
          .from(calls)
          .where(and(eq(calls.workspaceId, ws), since ? gte(calls.startedAt, since) : undefined))
      )[0].n;
    expect(all.get(a.id)).toMatchObject({ campaigns: 2, dials: await callCount(a.id) });
    expect(all.get(b.id)).toMatchObject({ campaigns: 1, dials: await callCount(b.id) });
    expect(all.get(empty.id)).toMatchObject({ campaigns: 0, dials: 0, syncedAt: null });
    expect(all.get(a.id)!.syncedAt).not.toBeNull();
    const totals = sumFigures([...all.values()]);
    expect(totals.dials).toBe(all.get(a.id)!.dials + all.get(b.id)!.dials);

    // the history spreads over the past week: the last two days hold fewer of them
    const since = new Date(Date.now() - 2 * 86_400_000);
    const ranged = await portfolioFigures([a.id, b.id], { from: since });
    expect(ranged.get(a.id)!.dials).toBe(await callCount(a.id, since));
    expect(ranged.get(a.id)!.dials).toBeLessThan(all.get(a.id)!.dials);
    expect(ranged.get(a.id)!.campaigns).toBe(2);
  });
});
