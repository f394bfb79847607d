import { afterAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns, jobs } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import "@/lib/campaigns/send";
import { Worker } from "@/lib/jobs/worker";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// Nedzo's real write limit (1/s, burst 5) in the sandbox, and our pacer at Nedzo's pace. A request waits for
// its slot up to 8 s here; past that it answers 202 and the job worker sends it in its turn.
process.env.NEDZO_WRITES_PER_SEC = "1";
process.env.NEDZO_MAX_QUEUE_WAIT_MS = "8000";
const sandbox = useSandbox({ ratePerSec: 1, burst: 5, slowMs: 2500 });
const worker = new Worker({ concurrency: 50, pollMs: 100 });
afterAll(() => worker.stop());

const create = (ws: TestWorkspace, name: string, key?: string) =>
  call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name }),
    headers: key ? { "idempotency-key": key } : {},
  });

const upstreamFor = (ws: TestWorkspace) =>
  sandbox()
    .campaigns()
    .filter((c) => c.token === ws.token);

describe("per-token pacing with creates as jobs", () => {
  it("answers 201 within the wait bound, 202 queued past it, and the worker sends the rest in order with no 429 anywhere", async () => {
    const a = await liveWorkspace();
    const b = await liveWorkspace();
    const limitedBefore = sandbox().rateLimited();
    const names = Array.from({ length: 14 }, (_, i) => `burst ${String(i).padStart(2, "0")}`);
    const burst = Promise.all(names.map((n) => create(a, n)));
    // another token is never held up by this one's queue
    const other = await create(b, "client B, meanwhile");
    expect(other.status).toBe(201);
    expect(upstreamFor(b)).toHaveLength(1);
    expect(upstreamFor(a).length).toBeLessThan(names.length);

    const results = await burst;
    const created = results.filter((r) => r.status === 201);
    const queued = results.filter((r) => r.status === 202);
    expect(created.length + queued.length).toBe(names.length);
    expect(created.length).toBeGreaterThanOrEqual(8); // slots 0…8 s fit the bound
    expect(queued.length).toBeGreaterThanOrEqual(3);
    for (const r of queued) expect(r.body.campaign.status).toBe("queued");
    const list = await call(campaignsRoute.GET, "GET", "", { user: a.owner, params: { workspace_id: a.id }, query: "status=queued" });
    expect(list.body.campaigns).toHaveLength(queued.length);

    // the line the worker will follow: first queued, first sent
    const line = await getDb()
      .select({ name: campaigns.name })
      .from(jobs)
      .innerJoin(campaigns, eq(sql`${jobs.payload}->>'campaign_id'`, sql`${campaigns.id}::text`))
      .where(and(eq(campaigns.workspaceId, a.id), eq(jobs.kind, "campaign.create")))
      .orderBy(asc(jobs.seq));
    expect(line.map((l) => l.name).sort()).toEqual(queued.map((r) => r.body.campaign.name).sort());

    await worker.drain();
    const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, a.id));
    expect(rows.map((r) => r.status)).toEqual(Array(names.length).fill("created"));
    const upstream = upstreamFor(a);
    expect(upstream).toHaveLength(names.length);
    expect(new Set(upstream.map((c) => c.name)).size).toBe(names.length);
    expect(sandbox().rateLimited() - limitedBefore).toBe(0);
    // the queued ones went out in the order they were queued
    const queuedNames = new Set(line.map((l) => l.name));
    expect(upstream.map((c) => c.name).filter((n) => queuedNames.has(n))).toEqual(line.map((l) => l.name));
  }, 60_000);

  it("never spends a slot on a repeated Idempotency-Key: 6 concurrent pairs make 6 creates, all answered 201", async () => {
    const ws = await liveWorkspace();
    const pairs = Array.from({ length: 6 }, (_, i) => [`pair ${i}`, `key-${i}`] as const);
    const results = await Promise.all(pairs.flatMap(([name, key]) => [create(ws, name, key), create(ws, name, key)]));
    // 6 slots (0…5 s) fit the 8 s bound with room to spare; had each repeat taken a slot, 12 (0…11 s) would not
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    for (let i = 0; i < pairs.length; i++) expect(results[2 * i].body.campaign.id).toBe(results[2 * i + 1].body.campaign.id);
    const upstream = upstreamFor(ws);
    expect(upstream).toHaveLength(6);
    expect(new Set(upstream.map((c) => c.name)).size).toBe(6);
  }, 60_000);
});
