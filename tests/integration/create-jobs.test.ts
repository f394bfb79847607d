import { afterAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, campaigns, jobs } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as resolutionRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/resolution/route";
import { CREATE_JOB, jobKey } from "@/lib/campaigns/send";
import { interruptedCutoffMs, sweepStalePending } from "@/lib/campaigns/sweep";
import { resetEnvForTests } from "@/lib/env";
import { targetFor } from "@/lib/nedzo/client";
import { holdUntil } from "@/lib/nedzo/pacer";
import { getConnection } from "@/db/queries/workspaces";
import { Worker } from "@/lib/jobs/worker";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { AGENT_AVA, campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// Creates are durable jobs: written first, sent once, resumed after a crash; only a send without an answer
// becomes unknown. Every create here answers 300 ms late, so a sweep can land in the middle of a send.
// 4 writes a second: slots far enough apart that the order they are sent in is the order they arrive in
process.env.NEDZO_WRITES_PER_SEC = "4";
const sandbox = useSandbox({ slowMs: 2500, createDelayMs: 300 });
const worker = new Worker({ concurrency: 20, pollMs: 100 });
afterAll(() => worker.stop());

const create = (ws: TestWorkspace, name: string) =>
  call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody({ name }) });
const upstreamFor = (ws: TestWorkspace) =>
  sandbox()
    .campaigns()
    .filter((c) => c.token === ws.token);
const paceKeyOf = async (ws: TestWorkspace) => targetFor((await getConnection(ws.id))!).paceKey;

async function row(values: Partial<typeof campaigns.$inferInsert> & { workspaceId: string; name: string }) {
  const [r] = await getDb()
    .insert(campaigns)
    .values({
      status: "queued",
      agentId: AGENT_AVA,
      startTime: "09:00:00",
      endTime: "17:00:00",
      minCallsPerHour: 1,
      maxCallsPerHour: 5,
      idempotencyKey: `k-${values.name}`,
      requestHash: "h",
      ...values,
    })
    .returning();
  return r;
}

/** A job as a killed instance leaves it: claimed by a process that no longer renews its lease. */
async function orphanJob(ws: TestWorkspace, campaignId: string, createdAt: Date) {
  const actor = { userId: ws.owner.id, email: ws.owner.email, viaWorkspaceId: null, ip: null, userAgent: null };
  await getDb()
    .insert(jobs)
    .values({
      kind: CREATE_JOB,
      key: jobKey(campaignId),
      queueKey: await paceKeyOf(ws),
      payload: { campaign_id: campaignId, workspace_id: ws.id, action: "campaign.create", actor },
      lockedBy: "dead-host:1:gone",
      lockedUntil: new Date(Date.now() - 1000),
      createdAt,
    });
}

describe("creates as jobs", () => {
  it("after a crash, sends every never-sent create in order and turns only the sent-without-answer one into unknown", async () => {
    const ws = await liveWorkspace();
    const base = Date.now() - 60_000;
    const never = [];
    for (let i = 0; i < 5; i++) {
      const r = await row({ workspaceId: ws.id, name: `never sent ${i}`, createdAt: new Date(base + i * 1000) });
      await orphanJob(ws, r.id, new Date(base + i * 1000));
      never.push(r);
    }
    const inFlight = await row({
      workspaceId: ws.id,
      name: "sent, no answer",
      status: "pending",
      sentAt: new Date(Date.now() - interruptedCutoffMs() - 1000),
    });
    await orphanJob(ws, inFlight.id, new Date(base - 1000));

    // what a restarted instance does: its worker picks up the orphaned jobs, its sweeper runs
    await worker.drain();
    await sweepStalePending();

    const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const n of never) expect(byName.get(n.name)?.status).toBe("created");
    expect(byName.get("sent, no answer")?.status).toBe("unknown");
    const upstream = upstreamFor(ws);
    expect(upstream.map((c) => c.name)).toEqual(never.map((n) => n.name));
    expect(
      (
        await getDb()
          .select()
          .from(jobs)
          .where(eq(jobs.queueKey, await paceKeyOf(ws)))
      ).length,
    ).toBe(0);
    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, "campaign.create")));
    expect(events.filter((e) => e.outcome === "success")).toHaveLength(5);
    expect(events.filter((e) => e.outcome === "unknown")).toHaveLength(1);
  });

  it("leaves a job held by a live instance alone, and a sent row whose answer may still come stays pending", async () => {
    const ws = await liveWorkspace();
    const r = await row({ workspaceId: ws.id, name: "held elsewhere" });
    await getDb()
      .insert(jobs)
      .values({
        kind: CREATE_JOB,
        key: jobKey(r.id),
        queueKey: await paceKeyOf(ws),
        payload: { campaign_id: r.id, workspace_id: ws.id, action: "campaign.create", actor: {} },
        lockedBy: "alive:2:here",
        lockedUntil: new Date(Date.now() + 60_000),
      });
    const sent = await row({ workspaceId: ws.id, name: "answer may come", status: "pending", sentAt: new Date() });
    await worker.drain();
    expect(await sweepStalePending()).toBe(0);
    const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
    expect(rows.find((x) => x.id === r.id)?.status).toBe("queued");
    expect(rows.find((x) => x.id === sent.id)?.status).toBe("pending");
    expect(upstreamFor(ws)).toHaveLength(0);
  });

  it("refuses with our 429 only past the hard limit of creates waiting for one token, and stores nothing for it", async () => {
    process.env.NEDZO_MAX_QUEUED_PER_TOKEN = "3";
    resetEnvForTests();
    try {
      const ws = await liveWorkspace();
      await holdUntil(await paceKeyOf(ws), 120); // the token is busy for two minutes: everything queues
      const queued = [await create(ws, "q1"), await create(ws, "q2"), await create(ws, "q3")];
      expect(queued.map((r) => r.status)).toEqual([202, 202, 202]);
      expect(queued.map((r) => r.body.campaign.status)).toEqual(["queued", "queued", "queued"]);
      const refused = await create(ws, "q4");
      expect(refused.status).toBe(429);
      expect(refused.body.type).toMatch(/queue-full/);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
      expect(rows.map((r) => r.name).sort()).toEqual(["q1", "q2", "q3"]);
      expect(upstreamFor(ws)).toHaveLength(0);
      await getDb()
        .delete(jobs)
        .where(eq(jobs.queueKey, await paceKeyOf(ws)));
    } finally {
      delete process.env.NEDZO_MAX_QUEUED_PER_TOKEN;
      resetEnvForTests();
    }
  });

  it("a confirmed retry cannot race the sweeper: the retry's send is not swept, and its audit matches the row", async () => {
    const ws = await liveWorkspace();
    // unknown since long ago (created and sent an hour back)
    const old = new Date(Date.now() - 3_600_000);
    const r = await row({
      workspaceId: ws.id,
      name: "old unknown",
      status: "unknown",
      createdAt: old,
      sentAt: old,
      error: { status: null, kind: "timeout", detail: "no answer" },
    });
    const retrying = call(resolutionRoute.POST, "POST", "", {
      user: ws.owner,
      params: { workspace_id: ws.id, campaign_id: r.id },
      body: { action: "retry", confirm: true },
    });
    // sweep while the retry is waiting for Nedzo's (300 ms late) answer
    await expect.poll(() => upstreamFor(ws).length, { timeout: 5000, interval: 10 }).toBe(1);
    const [midway] = await getDb().select().from(campaigns).where(eq(campaigns.id, r.id));
    expect(midway.status).toBe("pending"); // on the wire: the answer comes 300 ms late
    await sweepStalePending();
    const res = await retrying;
    expect(res.status).toBe(200);
    expect(res.body.campaign.status).toBe("created");
    const [after] = await getDb().select().from(campaigns).where(eq(campaigns.id, r.id));
    expect(after.status).toBe("created");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.targetId, r.id));
    expect(events.map((e) => [e.action, e.outcome]).sort()).toEqual([
      ["campaign.retry", "success"],
      ["campaign.retry_requested", "success"],
    ]);
    expect(upstreamFor(ws)).toHaveLength(1);
    const left = await getDb().execute(sql`select count(*)::int as n from jobs where key = ${jobKey(r.id)}`);
    expect(Number(((Array.isArray(left) ? left : (left as { rows: unknown[] }).rows)[0] as { n: number }).n)).toBe(0);
  });
});

describe("a campaign's calling window", () => {
  it("keeps the time zone the workspace had when it was created", async () => {
    const ws = await liveWorkspace();
    await getDb().execute(sql`update workspaces set timezone = 'Europe/Paris' where id = ${ws.id}`);
    const first = await create(ws, "made in Paris time");
    await getDb().execute(sql`update workspaces set timezone = 'America/Chicago' where id = ${ws.id}`);
    const [row] = await getDb().select().from(campaigns).where(eq(campaigns.id, first.body.campaign.id));
    expect(row.timezone).toBe("Europe/Paris");
    expect(first.body.campaign.timezone).toBe("Europe/Paris");
  });
});

describe("creates as jobs, under review", () => {
  it("a request whose transaction fails stores nothing and sends nothing; one that fails after it gives its job back", async () => {
    const ws = await liveWorkspace();
    // the row, its job and the free slot are one transaction: a failure in it leaves nothing behind
    await getDb().execute(sql`alter table nedzo_pacer rename to nedzo_pacer_away`);
    let res;
    try {
      res = await create(ws, "refused by the database");
    } finally {
      await getDb().execute(sql`alter table nedzo_pacer_away rename to nedzo_pacer`);
    }
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id))).toHaveLength(0);
    expect(
      await getDb()
        .select()
        .from(jobs)
        .where(eq(jobs.queueKey, await paceKeyOf(ws))),
    ).toHaveLength(0);

    // no free slot now: the row is queued and committed, then marking it sent fails mid-run
    await holdUntil(await paceKeyOf(ws), 0.2);
    await getDb().execute(sql`create function refuse_send() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await getDb().execute(sql`create trigger refuse_send before update on campaigns
      for each row when (old.status = 'queued' and new.status = 'pending') execute function refuse_send()`);
    try {
      res = await create(ws, "interrupted by the database");
    } finally {
      await getDb().execute(sql`drop trigger refuse_send on campaigns`);
      await getDb().execute(sql`drop function refuse_send()`);
    }
    expect(res.status).toBeGreaterThanOrEqual(500);
    const [job] = await getDb()
      .select()
      .from(jobs)
      .where(eq(jobs.queueKey, await paceKeyOf(ws)));
    expect(job.lockedBy).toBeNull();
    expect(upstreamFor(ws)).toHaveLength(0);
    await worker.drain();
    const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
    expect(rows.map((r) => [r.name, r.status])).toEqual([["interrupted by the database", "created"]]);
    expect(upstreamFor(ws)).toHaveLength(1);
  });

  it("Nedzo's real answer beats an 'interrupted' unknown the sweeper wrote while the call was on the wire", async () => {
    const ws = await liveWorkspace();
    const pending = create(ws, "late answer");
    await expect.poll(() => upstreamFor(ws).length, { timeout: 5000, interval: 10 }).toBe(1);
    await sweepStalePending(interruptedCutoffMs() + 60_000); // as if the cutoff had passed
    const [swept] = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
    expect(swept.status).toBe("unknown");
    const res = await pending;
    expect(res.status).toBe(201);
    const [row] = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
    expect(row.status).toBe("created");
    expect(row.nedzoCampaignId).toBe(upstreamFor(ws)[0].id);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.targetId, row.id));
    expect(events.map((e) => e.outcome).sort()).toEqual(["success", "unknown"]);
  });

  it("a queued campaign without a job gets one from the sweeper and is sent", async () => {
    const ws = await liveWorkspace();
    const r = await row({ workspaceId: ws.id, name: "orphan", createdBy: ws.owner.id, updatedAt: new Date(Date.now() - 120_000) });
    await sweepStalePending();
    await worker.drain();
    const [after] = await getDb().select().from(campaigns).where(eq(campaigns.id, r.id));
    expect(after.status).toBe("created");
    expect(upstreamFor(ws).map((c) => c.name)).toEqual(["orphan"]);
  });

  it("holds at most 10 jobs of one token at once, so another token's job is claimed beside a long line", async () => {
    const busy = "queue:busy-token";
    const other = "queue:other-token";
    await getDb()
      .insert(jobs)
      .values([
        ...Array.from({ length: 25 }, (_, i) => ({ kind: "test.fair", key: `fair-busy-${i}`, queueKey: busy })),
        { kind: "test.fair", key: "fair-other", queueKey: other },
      ]);
    const { claimDue, release: give } = await import("@/lib/jobs/queue");
    const claimed = await claimDue(["test.fair"], 100, 60_000);
    expect(claimed.filter((j) => j.queueKey === busy)).toHaveLength(10);
    expect(claimed.filter((j) => j.queueKey === other)).toHaveLength(1);
    expect(await claimDue(["test.fair"], 100, 60_000)).toHaveLength(0); // the busy line is full
    await Promise.all(claimed.map((j) => give(j.id)));
    await getDb().delete(jobs).where(eq(jobs.kind, "test.fair"));
  });
});
