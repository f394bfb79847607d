import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as campaignRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/route";
import { MAGIC_AGENTS } from "@/lib/nedzo/sandbox/magic";
import { outcomeFields } from "@/lib/nedzo/schemas";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

const sandbox = useSandbox({ slowMs: 2500 });

function create(ws: TestWorkspace, body: unknown, headers: Record<string, string> = {}) {
  return call(campaignsRoute.POST, "POST", `/api/v1/workspaces/${ws.id}/campaigns`, {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body,
    headers,
  });
}

async function rowsOf(ws: TestWorkspace) {
  return getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
}

function upstreamCreatesFor(ws: TestWorkspace) {
  return sandbox()
    .campaigns()
    .filter((c) => c.token === ws.token).length;
}

describe("POST /campaigns through the sandbox over HTTP", () => {
  it("creates upstream once and mirrors every field Nedzo returned", async () => {
    const ws = await liveWorkspace();
    const res = await create(ws, campaignBody());
    expect(res.status, res.text).toBe(201);
    const c = res.body.campaign;
    const upstream = sandbox()
      .campaigns()
      .find((u) => u.token === ws.token)!;
    expect(c.nedzo_campaign_id).toBe(upstream.id);
    expect(c).toMatchObject({
      status: "created",
      error: null,
      workspace_id: ws.id,
      name: "Spring renewals",
      agent_id: campaignBody().agent_id,
      start_time: "09:00:00",
      end_time: "17:30:00",
      min_calls_per_hour: 5,
      max_calls_per_hour: 40,
      daily_usage_cap: 120,
      max_dials_per_contact: 3,
      dials: 0,
      is_active: true,
      total_min_used_today: 0,
      total_min_used: 0,
      total_pickups: 0,
      total_positive_outcomes: 0,
      created_by: { id: ws.owner.id, email: ws.owner.email },
    });
    for (const f of outcomeFields) expect(c[f]).toBe(0);
    expect(upstream.start_time).toBe("09:00:00");

    const [row] = await rowsOf(ws);
    expect(row.status).toBe("created");
    expect((row.upstreamRaw as any).data.campaign.id).toBe(upstream.id);
    expect(row.syncedAt).not.toBeNull();

    const again = await call(campaignRoute.GET, "GET", "", { user: ws.owner, params: { workspace_id: ws.id, campaign_id: c.id } });
    expect(again.body.campaign).toEqual(c);
  });

  it("defaults max_dials_per_contact to 25 and keeps an explicit null cap", async () => {
    const ws = await liveWorkspace();
    const body: Record<string, unknown> = campaignBody({ daily_usage_cap: null });
    delete body.max_dials_per_contact;
    const res = await create(ws, body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.campaign.max_dials_per_contact).toBe(25);
    expect(res.body.campaign.daily_usage_cap).toBeNull();
  });

  it.each([
    ["name", { name: "   " }, "name"],
    ["agent id", { agent_id: "not-a-uuid" }, "agent_id"],
    ["time format", { start_time: "9am" }, "start_time"],
    ["window order", { start_time: "18:00", end_time: "09:00" }, "end_time"],
    ["min over max", { min_calls_per_hour: 50, max_calls_per_hour: 10 }, "max_calls_per_hour"],
    ["numeric string", { max_calls_per_hour: "10" }, "max_calls_per_hour"],
    ["fraction", { min_calls_per_hour: 10.5 }, "min_calls_per_hour"],
    ["zero max", { min_calls_per_hour: 0, max_calls_per_hour: 0 }, "max_calls_per_hour"],
    ["cap of zero", { daily_usage_cap: 0 }, "daily_usage_cap"],
    ["dials over 100", { max_dials_per_contact: 101 }, "max_dials_per_contact"],
    ["unknown field", { priority: "high" }, "priority"],
    ["NUL character", { name: "Spring\u0000renewals" }, "name"],
  ])("rejects bad %s with a 422 naming the field, and writes nothing", async (_label, overrides, path) => {
    const ws = await liveWorkspace();
    const res = await create(ws, campaignBody(overrides));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await rowsOf(ws)).toHaveLength(0);
    expect(upstreamCreatesFor(ws)).toBe(0);
  });

  it("answers 400 for malformed JSON, 415 for another content type, 413 past 64 KiB", async () => {
    const ws = await liveWorkspace();
    const opts = { user: ws.owner, params: { workspace_id: ws.id } };
    const path = `/api/v1/workspaces/${ws.id}/campaigns`;
    const malformed = await call(campaignsRoute.POST, "POST", path, {
      ...opts,
      rawBody: '{"name": ',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    const form = await call(campaignsRoute.POST, "POST", path, {
      ...opts,
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const huge = await create(ws, campaignBody({ name: "x".repeat(70 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await rowsOf(ws)).toHaveLength(0);
  });
});

describe("upstream failures each end in a documented status and row state", () => {
  const cases = [
    { label: "401 token rejected", agent: MAGIC_AGENTS.unauthorized.id, http: 502, row: "failed", upstream: 401 },
    { label: "422 validation", agent: MAGIC_AGENTS.validation.id, http: 422, row: "failed", upstream: 422 },
    { label: "429 rate limited", agent: MAGIC_AGENTS.rateLimited.id, http: 429, row: "failed", upstream: 429 },
    { label: "500 envelope", agent: MAGIC_AGENTS.serverError.id, http: 502, row: "failed", upstream: 500 },
    { label: "502 detail text", agent: MAGIC_AGENTS.badGateway.id, http: 502, row: "failed", upstream: 502 },
    { label: "malformed 2xx", agent: MAGIC_AGENTS.malformed.id, http: 502, row: "unknown", upstream: 200 },
    { label: "connection dropped after create", agent: MAGIC_AGENTS.dropped.id, http: 502, row: "unknown", upstream: null },
    { label: "timeout", agent: MAGIC_AGENTS.slow.id, http: 504, row: "unknown", upstream: null },
  ] as const;

  it.each(cases)("$label → HTTP $http, row $row, one upstream attempt", async ({ agent, http, row, upstream }) => {
    const ws = await liveWorkspace();
    const attemptsBefore = sandbox().createAttempts();
    const res = await create(ws, campaignBody({ agent_id: agent }), { "idempotency-key": `k-${agent}` });
    expect(res.status, res.text).toBe(http);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.campaign_status).toBe(row);
    const rows = await rowsOf(ws);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe(row);
    expect(rows[0].error?.status ?? null).toBe(upstream);
    if (row === "unknown") expect(res.body.detail).toMatch(/may have created it/);
    expect(sandbox().createAttempts() - attemptsBefore).toBe(1);

    // the same key again answers the same, without a second upstream call
    const replay = await create(ws, campaignBody({ agent_id: agent }), { "idempotency-key": `k-${agent}` });
    expect(replay.status).toBe(http);
    expect(sandbox().createAttempts() - attemptsBefore).toBe(1);
  });

  it("maps upstream 422 onto our field, and passes Retry-After through on 429", async () => {
    const ws = await liveWorkspace();
    const invalid = await create(ws, campaignBody({ agent_id: MAGIC_AGENTS.validation.id }));
    expect(invalid.body.errors).toEqual([{ path: "agent_id", message: "Agent cannot run outbound campaigns" }]);
    const limited = await create(ws, campaignBody({ agent_id: MAGIC_AGENTS.rateLimited.id }));
    expect(limited.headers.get("retry-after")).toBe("7");
  });

  it("answers 409 when the workspace has no Nedzo connection", async () => {
    const ws = await liveWorkspace();
    const { DELETE } = await import("@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route");
    const gone = await call(DELETE, "DELETE", "", { user: ws.owner, params: { workspace_id: ws.id } });
    expect(gone.status).toBe(204);
    const res = await create(ws, campaignBody());
    expect(res.status).toBe(409);
    expect(await rowsOf(ws)).toHaveLength(0);
  });
});

describe("Idempotency-Key", () => {
  it("returns the first result for a repeated key, without a second upstream create", async () => {
    const ws = await liveWorkspace();
    const first = await create(ws, campaignBody(), { "idempotency-key": "form-123" });
    const second = await create(ws, campaignBody({ start_time: "09:00:00" }), { "idempotency-key": "form-123" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.campaign.id).toBe(first.body.campaign.id);
    expect(upstreamCreatesFor(ws)).toBe(1);
    expect(await rowsOf(ws)).toHaveLength(1);
  });

  it("answers 409 when a key is reused with another body", async () => {
    const ws = await liveWorkspace();
    await create(ws, campaignBody(), { "idempotency-key": "form-456" });
    const other = await create(ws, campaignBody({ name: "Another" }), { "idempotency-key": "form-456" });
    expect(other.status).toBe(409);
    expect(upstreamCreatesFor(ws)).toBe(1);
  });

  it("creates once when the same key is sent twice at the same moment (a double click)", async () => {
    const ws = await liveWorkspace();
    const [a, b] = await Promise.all([
      create(ws, campaignBody(), { "idempotency-key": "double-click" }),
      create(ws, campaignBody(), { "idempotency-key": "double-click" }),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([201]));
    expect(upstreamCreatesFor(ws)).toBe(1);
    expect(await rowsOf(ws)).toHaveLength(1);
  });
});
