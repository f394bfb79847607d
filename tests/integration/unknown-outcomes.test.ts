import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, campaigns } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as resolutionRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/resolution/route";
import { interruptedCutoffMs, sweepStalePending } from "@/lib/campaigns/sweep";
import { MAGIC_AGENTS } from "@/lib/nedzo/sandbox/magic";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { AGENT_AVA, campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

const sandbox = useSandbox({ slowMs: 2500 });

async function unknownCampaign(ws: TestWorkspace): Promise<string> {
  const res = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ agent_id: MAGIC_AGENTS.malformed.id }),
  });
  expect(res.body.campaign_status).toBe("unknown");
  return res.body.campaign_id;
}

const resolve = (ws: TestWorkspace, id: string, body: unknown) =>
  call(resolutionRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id, campaign_id: id }, body });

describe("the sweeper", () => {
  it("turns a row sent longer ago than twice the timeout plus a margin into unknown, with an audit event", async () => {
    const ws = await liveWorkspace();
    const old = new Date(Date.now() - interruptedCutoffMs() - 1000);
    const [stale] = await getDb()
      .insert(campaigns)
      .values({
        workspaceId: ws.id,
        status: "pending",
        name: "Interrupted",
        agentId: AGENT_AVA,
        startTime: "09:00:00",
        endTime: "17:00:00",
        minCallsPerHour: 1,
        maxCallsPerHour: 5,
        idempotencyKey: "k1",
        requestHash: "h",
        sentAt: old,
      })
      .returning();
    const [fresh] = await getDb()
      .insert(campaigns)
      .values({
        workspaceId: ws.id,
        status: "pending",
        name: "In flight",
        agentId: AGENT_AVA,
        startTime: "09:00:00",
        endTime: "17:00:00",
        minCallsPerHour: 1,
        maxCallsPerHour: 5,
        idempotencyKey: "k2",
        requestHash: "h",
        sentAt: new Date(),
      })
      .returning();
    expect(await sweepStalePending()).toBeGreaterThanOrEqual(1);
    const [after] = await getDb().select().from(campaigns).where(eq(campaigns.id, stale.id));
    expect(after.status).toBe("unknown");
    expect(after.error?.kind).toBe("interrupted");
    const [stillPending] = await getDb().select().from(campaigns).where(eq(campaigns.id, fresh.id));
    expect(stillPending.status).toBe("pending");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.targetId, stale.id));
    expect(events).toEqual([
      expect.objectContaining({ action: "campaign.create", outcome: "unknown", actorId: null, actorEmail: "system" }),
    ]);
  });
});

describe("resolving an unknown campaign", () => {
  it("links it to the Nedzo campaign a person found, once", async () => {
    const ws = await liveWorkspace();
    const id = await unknownCampaign(ws);
    const upstream = sandbox()
      .campaigns()
      .find((c) => c.token === ws.token)!;
    const bad = await resolve(ws, id, { action: "link", nedzo_campaign_id: "nope" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("nedzo_campaign_id");
    const linked = await resolve(ws, id, { action: "link", nedzo_campaign_id: upstream.id });
    expect(linked.status).toBe(200);
    expect(linked.body.campaign).toMatchObject({ status: "created", nedzo_campaign_id: upstream.id, error: null });
    expect((await resolve(ws, id, { action: "mark_failed" })).status).toBe(409);
  });

  it("marks it as not created", async () => {
    const ws = await liveWorkspace();
    const id = await unknownCampaign(ws);
    const res = await resolve(ws, id, { action: "mark_failed" });
    expect(res.body.campaign.status).toBe("failed");
    expect(res.body.campaign.error.detail).toContain(ws.owner.email);
  });

  it("retries only after an explicit confirmation, and sends exactly one more create", async () => {
    const ws = await liveWorkspace();
    const id = await unknownCampaign(ws);
    const unconfirmed = await resolve(ws, id, { action: "retry" });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.errors[0].path).toBe("confirm");
    // the magic agent would answer malformed again: point the row at a normal agent, as if fixed upstream
    await getDb().update(campaigns).set({ agentId: AGENT_AVA }).where(eq(campaigns.id, id));
    const before = sandbox()
      .campaigns()
      .filter((c) => c.token === ws.token).length;
    const [a, b] = await Promise.all([
      resolve(ws, id, { action: "retry", confirm: true }),
      resolve(ws, id, { action: "retry", confirm: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(
      sandbox()
        .campaigns()
        .filter((c) => c.token === ws.token).length - before,
    ).toBe(1);
    const done = a.status === 200 ? a : b;
    expect(done.body.campaign.status).toBe("created");
  });
});
