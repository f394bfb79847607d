import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { calls, nedzoAgents, syncStates } from "@/db/calls-schema";
import { campaigns, jobs, nedzoConnections } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { requestSync, syncKey } from "@/lib/calls/sync";
import { encryptSecret } from "@/lib/crypto";
import { resetEnvForTests } from "@/lib/env";
import { Worker } from "@/lib/jobs/worker";
import { OUTCOME_KEYS } from "@/lib/calls/outcomes";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// The calls mirror: a sync pulls Nedzo's conversations (the HTTP sandbox here) into `calls`, once each,
// and a campaign's numbers are recomputed from them.
const sandbox = useSandbox({ slowMs: 2500 });
const worker = new Worker({ concurrency: 10, pollMs: 100 });
afterAll(() => worker.stop());

async function createCampaign(ws: TestWorkspace, name: string) {
  const res = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.campaign as { id: string; nedzo_campaign_id: string };
}

async function syncNow(ws: TestWorkspace) {
  await requestSync(ws.id);
  await worker.drain();
  const [state] = await getDb().select().from(syncStates).where(eq(syncStates.workspaceId, ws.id));
  return state;
}

const callsOf = (campaignId: string) => getDb().select().from(calls).where(eq(calls.campaignId, campaignId));

describe("syncing calls from Nedzo", () => {
  it("mirrors every conversation of a campaign once, and its numbers move to match", async () => {
    const ws = await liveWorkspace();
    const c = await createCampaign(ws, "Backfill [history:2500]");
    const state = await syncNow(ws);
    expect(state).toMatchObject({ status: "idle", lastError: null, needsAttentionAt: null });
    expect(state.lastSuccessAt).not.toBeNull();

    const upstream = sandbox()
      .campaigns()
      .find((u) => u.id === c.nedzo_campaign_id)!;
    expect(upstream).toBeDefined();
    const mirrored = await callsOf(c.id);
    expect(mirrored.length).toBeGreaterThanOrEqual(2500);
    expect(new Set(mirrored.map((m) => m.nedzoConversationId)).size).toBe(mirrored.length);

    const [row] = await getDb().select().from(campaigns).where(eq(campaigns.id, c.id));
    expect(row.dials).toBe(mirrored.length);
    const byKey = (k: string) => mirrored.filter((m) => m.outcomeKey === k).length;
    expect(row.outcomeAppointmentBooked).toBe(byKey("appointment_booked"));
    expect(row.outcomeNoAnswer).toBe(byKey("no_answer"));
    expect(row.totalPositiveOutcomes).toBe(byKey("appointment_booked") + byKey("callback_requested") + byKey("transferred"));
    expect(row.totalPickups).toBe(mirrored.filter((m) => (m.durationSeconds ?? 0) > 0).length);
    const minutes = mirrored.reduce((s, m) => s + (m.durationSeconds ?? 0), 0) / 60;
    expect(row.totalMinUsed).toBeCloseTo(minutes, 1);
    const counted = OUTCOME_KEYS.reduce((s, k) => s + byKey(k), 0) + byKey("other");
    expect(counted).toBe(row.dials);
    expect(row.syncedAt!.getTime()).toBeGreaterThanOrEqual(state.lastSuccessAt!.getTime() - 1000);

    // the agents are mirrored by name
    const agents = await getDb().select().from(nedzoAgents).where(eq(nedzoAgents.workspaceId, ws.id));
    expect(agents.find((a) => a.agentId === campaignBody().agent_id)?.name).toBe("Ava — appointment setter");

    // again: nothing twice, and it stops where it already has everything
    const before = mirrored.length;
    await syncNow(ws);
    const again = await callsOf(c.id);
    expect(new Set(again.map((m) => m.nedzoConversationId)).size).toBe(again.length);
    expect(again.length).toBeGreaterThanOrEqual(before);
  }, 60_000);

  it("marks the workspace as needing attention on 401 and stops trying, instead of retrying forever", async () => {
    const ws = await liveWorkspace();
    const { ciphertext, keyVersion } = encryptSecret("revoked-token", ws.id);
    await getDb().update(nedzoConnections).set({ tokenCiphertext: ciphertext, keyVersion }).where(eq(nedzoConnections.workspaceId, ws.id));
    const state = await syncNow(ws);
    expect(state.status).toBe("failing");
    expect(state.needsAttentionAt).not.toBeNull();
    expect(state.lastError).toMatch(/rejected this workspace's token/);
    expect(
      await getDb()
        .select()
        .from(jobs)
        .where(eq(jobs.key, syncKey(ws.id))),
    ).toHaveLength(0);
  });

  it("backs off on Nedzo's 429 until its Retry-After, and on 5xx, keeping the job", async () => {
    let status = 429;
    const fake: Server = createServer((req, res) => {
      res.writeHead(status, { "content-type": "application/json", "retry-after": "7" });
      res.end(JSON.stringify({ detail: "slow down" }));
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const ws = await liveWorkspace();
    process.env.NEDZO_API_BASE_URL = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
    resetEnvForTests();
    try {
      const limited = await syncNow(ws);
      expect(limited.status).toBe("failing");
      const [job] = await getDb()
        .select()
        .from(jobs)
        .where(eq(jobs.key, syncKey(ws.id)));
      const waitSec = (job.runAt.getTime() - Date.now()) / 1000;
      expect(waitSec).toBeGreaterThan(5);
      expect(waitSec).toBeLessThanOrEqual(7.5);
      status = 503;
      await getDb()
        .update(jobs)
        .set({ runAt: new Date() })
        .where(eq(jobs.key, syncKey(ws.id)));
      const failing = await syncNow(ws);
      expect(failing).toMatchObject({ status: "failing", failures: 2 });
      expect(failing.needsAttentionAt).toBeNull();
      expect(
        await getDb()
          .select()
          .from(jobs)
          .where(eq(jobs.key, syncKey(ws.id))),
      ).toHaveLength(1);
    } finally {
      process.env.NEDZO_API_BASE_URL = sandbox().url;
      resetEnvForTests();
      fake.close();
      await getDb()
        .delete(jobs)
        .where(eq(jobs.key, syncKey(ws.id)));
    }
  });

  it("keeps the calls of a campaign it does not know unlinked, and a person's link brings them in", async () => {
    const ws = await liveWorkspace();
    const c = await createCampaign(ws, "Known [history:50]");
    // as if the create's answer had been lost: the campaign is unknown, without its Nedzo id
    await getDb().update(campaigns).set({ nedzoCampaignId: null, status: "unknown", dials: 0 }).where(eq(campaigns.id, c.id));
    await syncNow(ws);
    const unlinked = await getDb()
      .select()
      .from(calls)
      .where(and(eq(calls.workspaceId, ws.id), sql`${calls.campaignId} is null`));
    expect(unlinked.length).toBeGreaterThanOrEqual(50);
    expect((await getDb().select().from(campaigns).where(eq(campaigns.id, c.id)))[0].dials).toBe(0);

    const { POST } = await import("@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/resolution/route");
    const linked = await call(POST, "POST", "", {
      user: ws.owner,
      params: { workspace_id: ws.id, campaign_id: c.id },
      body: { action: "link", nedzo_campaign_id: c.nedzo_campaign_id },
    });
    expect(linked.status, linked.text).toBe(200);
    await worker.drain(); // the link asked for a sync
    const [row] = await getDb().select().from(campaigns).where(eq(campaigns.id, c.id));
    expect(row.dials).toBeGreaterThanOrEqual(50);
    expect(row.dials).toBe((await callsOf(c.id)).length);
  });
});

describe("the sync schedule", () => {
  it("gives every connected workspace a sync job, but not one whose token was refused until it is saved again", async () => {
    const { ensureSyncJobs } = await import("@/lib/calls/sync");
    const ok = await liveWorkspace();
    const refused = await liveWorkspace();
    await getDb()
      .insert(syncStates)
      .values({ workspaceId: refused.id, status: "failing", needsAttentionAt: new Date(Date.now() + 60_000) });
    await ensureSyncJobs();
    const keys = (await getDb().select({ key: jobs.key }).from(jobs)).map((j) => j.key);
    expect(keys).toContain(syncKey(ok.id));
    expect(keys).not.toContain(syncKey(refused.id));
    await getDb()
      .update(nedzoConnections)
      .set({ updatedAt: new Date(Date.now() + 120_000) })
      .where(eq(nedzoConnections.workspaceId, refused.id));
    await ensureSyncJobs();
    expect((await getDb().select({ key: jobs.key }).from(jobs)).map((j) => j.key)).toContain(syncKey(refused.id));
    await getDb().delete(jobs).where(eq(jobs.kind, "calls.sync"));
  });
});

describe("the call log", () => {
  it("pages newest first by keyset, both ways, with outcome and date filters, served by its index", async () => {
    const { listCalls } = await import("@/db/queries/calls");
    const { decodeCursor } = await import("@/db/queries/keyset");
    const ws = await liveWorkspace();
    const c = await createCampaign(ws, "Log [history:120]");
    await syncNow(ws);
    const all = (await callsOf(c.id)).sort((x, y) => +y.startedAt - +x.startedAt || (x.id < y.id ? 1 : -1));
    const sorts = { started_at: calls.startedAt };
    const first = await listCalls(ws.id, c.id, { limit: 50 });
    expect(first.items.map((i) => i.id)).toEqual(all.slice(0, 50).map((a) => a.id));
    expect(first.prevCursor).toBeNull();
    expect("transcript" in first.items[0]).toBe(false);
    const second = await listCalls(ws.id, c.id, { limit: 50, cursor: decodeCursor(first.nextCursor!, sorts) });
    expect(second.items.map((i) => i.id)).toEqual(all.slice(50, 100).map((a) => a.id));
    const back = await listCalls(ws.id, c.id, { limit: 50, cursor: decodeCursor(second.prevCursor!, sorts) });
    expect(back.items.map((i) => i.id)).toEqual(all.slice(0, 50).map((a) => a.id));
    const booked = await listCalls(ws.id, c.id, { limit: 500, outcome: "appointment_booked" });
    expect(booked.items.map((i) => i.id)).toEqual(all.filter((a) => a.outcomeKey === "appointment_booked").map((a) => a.id));
    const since = new Date(Date.now() - 86_400_000);
    const recent = await listCalls(ws.id, c.id, { limit: 500, from: since });
    expect(recent.items.length).toBe(all.filter((a) => a.startedAt >= since).length);
    // another workspace sees none of them
    const other = await liveWorkspace();
    expect((await listCalls(other.id, c.id, { limit: 50 })).items).toHaveLength(0);
  });
});

describe("backfill", () => {
  it("gives a campaign created (or linked) after the workspace's sync began all its calls, older ones too", async () => {
    const ws = await liveWorkspace();
    await createCampaign(ws, "First [history:20]");
    await syncNow(ws); // the workspace's sync now resumes from today
    const late = await createCampaign(ws, "Late [history:600]"); // its history reaches a week back
    await worker.drain();
    const stored = await callsOf(late.id);
    expect(stored.length).toBeGreaterThanOrEqual(600);
    expect(Math.min(...stored.map((s) => +s.startedAt))).toBeLessThan(Date.now() - 5 * 86_400_000);
    const [row] = await getDb().select().from(campaigns).where(eq(campaigns.id, late.id));
    expect(row.dials).toBe(stored.length);
  });
});
