import { describe, expect, it } from "vitest";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// Nedzo's real write limit (1/s, burst 5) in the sandbox, and our pacer at Nedzo's pace with its 30 s queue.
process.env.NEDZO_WRITES_PER_SEC = "1";
process.env.NEDZO_MAX_QUEUE_WAIT_MS = "30000";
const sandbox = useSandbox({ ratePerSec: 1, burst: 5, slowMs: 2500 });

const create = (ws: TestWorkspace, name: string) =>
  call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody({ name }) });

describe("per-token pacing", () => {
  it(
    "lands a burst of 20 on one token with no 429 upstream or to anyone, without delaying another token",
    async () => {
      const a = await liveWorkspace();
      const b = await liveWorkspace();
      const limitedBefore = sandbox().rateLimited();
      const started = Date.now();
      const burst = Promise.all(Array.from({ length: 20 }, (_, i) => create(a, `burst ${i}`)));
      await new Promise((r) => setTimeout(r, 200));
      const otherStarted = Date.now();
      const other = await create(b, "client B, meanwhile");
      const otherMs = Date.now() - otherStarted;
      const results = await burst;

      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(other.status).toBe(201);
      expect(otherMs).toBeLessThan(1500);
      expect(sandbox().rateLimited() - limitedBefore).toBe(0);
      expect(sandbox().campaigns().filter((c) => c.token === a.token)).toHaveLength(20);
      // paced at 1/s: the last one waited about 19 s, well under the 30 s budget
      expect(Date.now() - started).toBeGreaterThan(18_000);
    },
    60_000,
  );

  it("answers our 429 with an honest Retry-After when the queue passes 30 s, and stores nothing for it", async () => {
    const ws = await liveWorkspace();
    const results = await Promise.all(Array.from({ length: 34 }, (_, i) => create(ws, `flood ${i}`)));
    const refused = results.filter((r) => r.status === 429);
    const landed = results.filter((r) => r.status === 201);
    // slots 0…30 s fit (31 of them); the rest are refused at once
    expect(landed.length).toBe(31);
    expect(refused.length).toBe(3);
    for (const r of refused) {
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(4);
      expect(r.body.type).toMatch(/queue-full/);
    }
    const list = await call(campaignsRoute.GET, "GET", "", { user: ws.owner, params: { workspace_id: ws.id }, query: "limit=100" });
    expect(list.body.campaigns).toHaveLength(31);
  }, 60_000);
});
