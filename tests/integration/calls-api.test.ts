import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as callsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/calls/route";
import * as callsExport from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/calls/export.csv/route";
import * as campaignsExport from "@/app/api/v1/workspaces/[workspace_id]/campaigns/export.csv/route";
import * as callRoute from "@/app/api/v1/workspaces/[workspace_id]/calls/[call_id]/route";
import * as syncRoute from "@/app/api/v1/workspaces/[workspace_id]/sync/route";
import * as webhookRoute from "@/app/api/v1/workspaces/[workspace_id]/webhook/route";
import * as rotateRoute from "@/app/api/v1/workspaces/[workspace_id]/webhook/rotate/route";
import * as portfolioRoute from "@/app/api/v1/workspaces/[workspace_id]/portfolio/route";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import { Worker } from "@/lib/jobs/worker";
import "@/lib/calls/sync";
import { addMember, call, signedInUser } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, createWorkspaceAs, liveWorkspace } from "../helpers/workspaces";

// The calls mirror's endpoints (http-api.md: Calls, Webhooks, Portfolio, exports), through the route
// handlers, as each role sees them.
useSandbox({ slowMs: 2500 });
const worker = new Worker({ concurrency: 10, pollMs: 100 });
afterAll(() => worker.stop());

async function world() {
  const ws = await liveWorkspace();
  const [member, viewer, stranger] = [await signedInUser(), await signedInUser(), await signedInUser()];
  await addMember(ws.id, member, "member");
  await addMember(ws.id, viewer, "viewer");
  const created = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name: "Calls [history:60]" }),
  });
  expect(created.status, created.text).toBe(201);
  const synced = await call(syncRoute.POST, "POST", "", { user: member, params: { workspace_id: ws.id } });
  expect(synced.status).toBe(202);
  expect(synced.body.sync.status).toMatch(/queued|running/);
  await worker.drain();
  return { ws, member, viewer, stranger, campaignId: created.body.campaign.id as string };
}

describe("the calls endpoints", () => {
  it("list a campaign's calls newest first, masked for viewers, whole for members; one call with its transcript", async () => {
    const { ws, member, viewer, stranger, campaignId } = await world();
    const params = { workspace_id: ws.id, campaign_id: campaignId };
    const asMember = await call(callsRoute.GET, "GET", "", { user: member, params, query: "limit=20" });
    expect(asMember.status).toBe(200);
    expect(asMember.body.calls).toHaveLength(20);
    expect(asMember.body.next_cursor).toBeTruthy();
    const times = asMember.body.calls.map((c: { started_at: string }) => c.started_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(asMember.body.calls[0].contact_phone).toMatch(/^\+1555\d{7}$/);
    expect(asMember.body.calls[0]).not.toHaveProperty("transcript");
    const asViewer = await call(callsRoute.GET, "GET", "", { user: viewer, params, query: "limit=20" });
    expect(asViewer.body.calls[0].contact_phone).toMatch(/^•••\d{4}$/);
    expect(asViewer.body.calls[0].contact_phone.slice(-4)).toBe(asMember.body.calls[0].contact_phone.slice(-4));

    const answered = asMember.body.calls.find((c: { duration_seconds: number }) => c.duration_seconds > 0);
    const one = await call(callRoute.GET, "GET", "", { user: member, params: { workspace_id: ws.id, call_id: answered.id } });
    expect(one.body.call.transcript).toMatch(/Contact:/);
    const oneAsViewer = await call(callRoute.GET, "GET", "", { user: viewer, params: { workspace_id: ws.id, call_id: answered.id } });
    expect(oneAsViewer.body.call.transcript).toBeNull();

    const filtered = await call(callsRoute.GET, "GET", "", { user: member, params, query: "outcome=no_answer&limit=200" });
    expect(filtered.body.calls.every((c: { outcome_key: string }) => c.outcome_key === "no_answer")).toBe(true);
    expect((await call(callsRoute.GET, "GET", "", { user: member, params, query: "outcome=maybe" })).status).toBe(422);
    expect((await call(callsRoute.GET, "GET", "", { user: stranger, params })).status).toBe(404);
    expect((await call(callRoute.GET, "GET", "", { user: stranger, params: { workspace_id: ws.id, call_id: answered.id } })).status).toBe(
      404,
    );

    const status = await call(syncRoute.GET, "GET", "", { user: viewer, params: { workspace_id: ws.id } });
    expect(status.body.sync).toMatchObject({ status: "idle", last_error: null, needs_attention: false });
    expect(status.body.sync.calls).toBeGreaterThanOrEqual(60);
    expect((await call(syncRoute.POST, "POST", "", { user: viewer, params: { workspace_id: ws.id } })).status).toBe(403);
  });

  it("show the webhook URL to owners and admins only, and rotate it", async () => {
    const { ws, member } = await world();
    const params = { workspace_id: ws.id };
    const seen = await call(webhookRoute.GET, "GET", "", { user: ws.owner, params });
    expect(seen.body.webhook.url).toMatch(/\/api\/webhooks\/nedzo\//);
    expect((await call(webhookRoute.GET, "GET", "", { user: member, params })).status).toBe(403);
    const rotated = await call(rotateRoute.POST, "POST", "", { user: ws.owner, params });
    expect(rotated.body.webhook.url).not.toBe(seen.body.webhook.url);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id));
    expect(events.map((e) => e.action)).toContain("webhook.rotate");
    expect(JSON.stringify(events)).not.toContain(rotated.body.webhook.url.split("/").pop());
  });

  it("export campaigns and calls as CSV for members (viewers masked out: 403), audited", async () => {
    const { ws, member, viewer, campaignId } = await world();
    const res = await call(campaignsExport.GET, "GET", "", { user: member, params: { workspace_id: ws.id } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^id,name,status,agent_id,agent_name/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Calls [history:60]");
    expect(lines[1]).toContain("Ava — appointment setter");
    const callsCsv = await call(callsExport.GET, "GET", "", {
      user: member,
      params: { workspace_id: ws.id, campaign_id: campaignId },
      query: "outcome=no_answer",
    });
    const rows = callsCsv.text.trim().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes(",no_answer,"))).toBe(true);
    expect((await call(campaignsExport.GET, "GET", "", { user: viewer, params: { workspace_id: ws.id } })).status).toBe(403);
    const actions = (await getDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["export.campaigns", "export.calls"]));
  });

  it("puts an agency's clients on one board with totals; a suspended client shows only its name", async () => {
    const agencyOwner = await signedInUser();
    const agency = await createWorkspaceAs(agencyOwner, "Board Agency", { kind: "agency" });
    const one = await createWorkspaceAs(agencyOwner, "Client One", { parent_id: agency.id });
    const two = await createWorkspaceAs(agencyOwner, "Client Two", { parent_id: agency.id });
    for (const c of [one, two]) {
      const { PUT } = await import("@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route");
      expect((await call(PUT, "PUT", "", { user: agencyOwner, params: { workspace_id: c.id }, body: { mode: "sandbox" } })).status).toBe(
        200,
      );
      expect(
        (
          await call(campaignsRoute.POST, "POST", "", {
            user: agencyOwner,
            params: { workspace_id: c.id },
            body: campaignBody({ name: `${c.id} [history:25]` }),
          })
        ).status,
      ).toBe(201);
    }
    await worker.drain();
    const board = await call(portfolioRoute.GET, "GET", "", { user: agencyOwner, params: { workspace_id: agency.id } });
    expect(board.status).toBe(200);
    expect(board.body.rows.map((r: { workspace: { name: string } }) => r.workspace.name)).toEqual(["Client One", "Client Two"]);
    const dials = board.body.rows.map((r: { dials: number }) => r.dials);
    expect(dials.every((d: number) => d >= 25)).toBe(true);
    expect(board.body.totals.dials).toBe(dials[0] + dials[1]);
    expect(board.body.rows[0].connection).toMatchObject({ connected: true, mode: "sandbox", needs_attention: false });

    // client two's own owner suspends the agency: the board keeps its name, nothing else
    const clientOwner = await signedInUser();
    await addMember(two.id, clientOwner, "owner");
    expect(
      (await call(accessRoute.PUT, "PUT", "", { user: clientOwner, params: { workspace_id: two.id }, body: { suspended: true } })).status,
    ).toBe(200);
    const after = await call(portfolioRoute.GET, "GET", "", { user: agencyOwner, params: { workspace_id: agency.id } });
    const suspended = after.body.rows.find((r: { workspace: { id: string } }) => r.workspace.id === two.id);
    expect(suspended).toMatchObject({
      suspended: true,
      dials: null,
      minutes: null,
      connection: null,
      workspace: { name: "Client Two", slug: null },
    });
    expect(after.body.totals.dials).toBe(dials[0]);
    expect(
      (await call(portfolioRoute.GET, "GET", "", { user: agencyOwner, params: { workspace_id: agency.id }, query: "from=0070-01-01" }))
        .status,
    ).toBe(422);
  });
});

describe("setting the webhook on the workspace's agents", () => {
  it("sets it in one click, and never over another URL unless asked with that URL shown", async () => {
    const { ws, member } = await world();
    const agentsRoute = await import("@/app/api/v1/workspaces/[workspace_id]/webhook/agents/route");
    const params = { workspace_id: ws.id };
    const ava = "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11";
    const leo = "7b2e9d10-4f3a-4e8b-a1c6-2d9f0e5b8a22";
    // Leo already posts somewhere else (set straight in Nedzo)
    const base = process.env.NEDZO_API_BASE_URL!;
    await fetch(`${base}/v1/agents/${leo}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
      body: JSON.stringify({ postConversationWebhookUrl: "https://crm.example/hook" }),
    });
    const before = await call(agentsRoute.GET, "GET", "", { user: ws.owner, params });
    expect(before.status).toBe(200);
    const stateOf = (list: { agent_id: string; state: string; webhook_url: string | null }[], id: string) =>
      list.find((a) => a.agent_id === id)!;
    expect(stateOf(before.body.agents, ava).state).toBe("none");
    expect(stateOf(before.body.agents, leo)).toMatchObject({ state: "other", webhook_url: "https://crm.example/hook" });

    const first = await call(agentsRoute.POST, "POST", "", { user: ws.owner, params, body: { agent_ids: [ava, leo] } });
    expect(first.body.results.map((r: { result: string }) => r.result)).toEqual(["set", "kept"]);
    expect(first.body.results[1].detail).toContain("https://crm.example/hook");
    const asked = await call(agentsRoute.POST, "POST", "", { user: ws.owner, params, body: { agent_ids: [ava, leo], replace: [leo] } });
    expect(asked.body.results.map((r: { result: string }) => r.result)).toEqual(["already", "set"]);
    const after = await call(agentsRoute.GET, "GET", "", { user: ws.owner, params });
    expect(stateOf(after.body.agents, leo).state).toBe("ours");
    expect((await call(agentsRoute.POST, "POST", "", { user: member, params, body: { agent_ids: [ava] } })).status).toBe(403);
    expect((await call(agentsRoute.POST, "POST", "", { user: ws.owner, params, body: { agent_ids: [] } })).body.errors[0].path).toBe(
      "agent_ids",
    );
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id));
    expect(events.filter((e) => e.action === "webhook.install").map((e) => e.metadata.replaced)).toEqual([
      null,
      "https://crm.example/hook",
    ]);
  });
});
