import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { campaignTotals } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { portfolioFigures, workspaceFigures } from "@/db/queries/portfolio";
import { requestSync } from "@/lib/calls/sync";
import { Worker } from "@/lib/jobs/worker";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { totalsRows as parts } from "../helpers/totals";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// A workspace's home page reads its figures with workspaceFigures (one compiled statement): the same figures
// portfolioFigures answers for that workspace, with and without a date range, and folding crowded totals.

useSandbox({ slowMs: 2500 });
const worker = new Worker({ concurrency: 10, pollMs: 100 });
afterAll(() => worker.stop());

describe("workspaceFigures", () => {
  it("answers what portfolioFigures answers for one workspace", async () => {
    const a = await liveWorkspace();
    const empty = await liveWorkspace();
    for (const name of ["A [history:140]", "A2 [history:70]"]) {
      const res = await call(campaignsRoute.POST, "POST", "", {
        user: a.owner,
        params: { workspace_id: a.id },
        body: campaignBody({ name }),
      });
      expect(res.status, res.text).toBe(201);
    }
    await requestSync(a.id);
    await worker.drain();

    for (const id of [a.id, empty.id]) {
      // twice: the second run is the prepared statement's
      for (let i = 0; i < 2; i += 1) expect(await workspaceFigures(id)).toEqual((await portfolioFigures([id])).get(id));
    }
    const mine = await workspaceFigures(a.id);
    expect(mine).toMatchObject({ campaigns: 2 });
    expect(mine.dials).toBeGreaterThan(0);
    expect(mine.syncedAt).toBeInstanceOf(Date);
    expect(await workspaceFigures(empty.id)).toMatchObject({ campaigns: 0, dials: 0, syncedAt: null });

    const since = new Date(Date.now() - 2 * 86_400_000);
    expect(await workspaceFigures(a.id, { from: since })).toEqual((await portfolioFigures([a.id], { from: since })).get(a.id));

    // many rows of differences: the same sums, and the read folds them afterwards
    await getDb()
      .insert(campaignTotals)
      .values(Array.from({ length: 250 }, () => ({ workspaceId: a.id, dials: 1, minutes: 0.5 })));
    const crowded = await workspaceFigures(a.id);
    expect(crowded.dials).toBe(mine.dials + 250);
    expect(crowded.minutes).toBeCloseTo(mine.minutes + 125, 2);
    await expect.poll(() => parts(a.id)).toBe(1);
    expect(await workspaceFigures(a.id)).toEqual(crowded);
  });
});
