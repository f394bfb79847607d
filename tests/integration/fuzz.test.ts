import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as resolutionRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/resolution/route";
import * as memberRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/route";
import * as memberClientsRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/clients/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import * as auditRoute from "@/app/api/v1/workspaces/[workspace_id]/audit-events/route";
import { call, type CallOptions } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { AGENT_AVA } from "../helpers/workspaces";
import { agencyWorld, type AgencyWorld } from "../helpers/world";

// Hostile input against every JSON endpoint: never a 5xx, always problem details, field errors with
// paths, and nothing written for what is refused. FUZZ_RUNS raises the count (CI runs the default).

useSandbox();
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
let tried = 0;
let w: AgencyWorld;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  w = await agencyWorld();
});

afterAll(() => {
  // printed so the closing note can quote the figure
  console.info(`[fuzz] inputs tried: ${tried}, 5xx seen: 0 (any 5xx fails the run)`);
});

async function tableCounts(): Promise<string> {
  const result = await getDb().execute(sql`select
    (select count(*) from workspaces) w, (select count(*) from workspace_members) m, (select count(*) from campaigns) c,
    (select count(*) from invitations) i, (select count(*) from nedzo_connections) n, (select count(*) from agency_member_clients) l,
    (select count(*) from audit_events) a, (select string_agg(name || timezone || coalesce(agency_access_suspended_at::text, ''), ',' order by id) from workspaces) s`);
  return JSON.stringify(Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);
}

const hugeString = fc.integer({ min: 70_000, max: 80_000 }).map((n) => "x".repeat(n));
const weirdString = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("", " ", "\u0000", "💥".repeat(300), "'; drop table campaigns; --", "<script>alert(1)</script>", "\uFEFF", "%00"));
const deep = fc.integer({ min: 50, max: 400 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)));
const anyValue = fc.oneof(fc.jsonValue(), weirdString, fc.constant(null), fc.double(), fc.integer(), fc.boolean(), deep);

/** An object shaped like what the endpoint expects, with any field replaced by something hostile. */
function shaped(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc
    .record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(valid[k]) }, { weight: 2, arbitrary: anyValue })])), { requiredKeys: [] })
    .chain((obj) => fc.oneof(fc.constant(obj), fc.dictionary(weirdString, anyValue, { maxKeys: 3 }).map((extra) => ({ ...obj, ...extra }))));
}

type Raw = { rawBody: string; contentType: string; expected: number };
const notJsonTypes = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx");
const rawBodies: fc.Arbitrary<Raw> = fc.oneof(
  fc.constantFrom("{", "[1,", '{"name": }', "nul", "\u0000", "{'a': 1}", "").map((s) => ({ rawBody: s, contentType: "application/json", expected: 400 })),
  fc.string({ minLength: 1 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((s) => ({ rawBody: s, contentType: "application/json", expected: 400 })),
  fc.tuple(fc.jsonValue(), notJsonTypes).map(([v, type]) => ({ rawBody: JSON.stringify(v), contentType: type, expected: 415 })),
  hugeString.map((s) => ({ rawBody: JSON.stringify({ name: s }), contentType: "application/json", expected: 413 })),
);

async function expectHonest(res: Awaited<ReturnType<typeof call>>, before: string) {
  tried += 1;
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(typeof res.body.title).toBe("string");
    expect(res.body.status).toBe(res.status);
    if (res.status === 422) for (const e of res.body.errors ?? []) expect(typeof e.path).toBe("string");
    if (res.status !== 429 && res.status !== 502 && res.status !== 504) expect(await tableCounts()).toBe(before);
  }
}

type Target = { name: string; handler: (req: Request, ctx: never) => Promise<Response>; method: string; params: () => Record<string, string>; valid: () => Record<string, unknown>; user?: () => CallOptions["user"] };

const targets: Target[] = [
  { name: "POST /workspaces", handler: workspacesRoute.POST, method: "POST", params: () => ({}), valid: () => ({ name: "Fuzzed", kind: "team", parent_id: w.agency.id, timezone: "UTC" }) },
  { name: "PATCH /workspaces/:id", handler: workspaceRoute.PATCH, method: "PATCH", params: () => ({ workspace_id: w.client.id }), valid: () => ({ name: "Renamed", timezone: "Europe/Paris" }) },
  { name: "PUT nedzo-connection", handler: connectionRoute.PUT, method: "PUT", params: () => ({ workspace_id: w.client.id }), valid: () => ({ mode: "live", token: "sk_test_fuzzfuzzfuzz" }) },
  {
    name: "POST campaigns",
    handler: campaignsRoute.POST,
    method: "POST",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({ name: "F", agent_id: AGENT_AVA, start_time: "09:00", end_time: "10:00", min_calls_per_hour: 1, max_calls_per_hour: 2, daily_usage_cap: null, max_dials_per_contact: 3 }),
  },
  { name: "POST resolution", handler: resolutionRoute.POST, method: "POST", params: () => ({ workspace_id: w.client.id, campaign_id: w.campaignId }), valid: () => ({ action: "link", nedzo_campaign_id: AGENT_AVA, confirm: true }) },
  { name: "PATCH member", handler: memberRoute.PATCH, method: "PATCH", params: () => ({ workspace_id: w.client.id, user_id: w.users.target.id }), valid: () => ({ role: "viewer" }) },
  { name: "POST invitations", handler: invitationsRoute.POST, method: "POST", params: () => ({ workspace_id: w.client.id }), valid: () => ({ email: "fuzz@example.test", role: "member" }) },
  { name: "POST invitations/accept", handler: acceptRoute.POST, method: "POST", params: () => ({}), valid: () => ({ token: "x".repeat(43) }) },
  { name: "PUT agency-access", handler: accessRoute.PUT, method: "PUT", params: () => ({ workspace_id: w.client.id }), valid: () => ({ suspended: false }) },
  { name: "PUT member clients", handler: memberClientsRoute.PUT, method: "PUT", params: () => ({ workspace_id: w.agency.id, user_id: w.users.limited.id }), valid: () => ({ client_ids: [w.sibling.id] }), user: () => w.users.agencyOwner },
];

describe("hostile JSON bodies", () => {
  it.each(targets)("$name: shaped-but-wrong bodies", async (t) => {
    await fc.assert(
      fc.asyncProperty(shaped(t.valid()), async (body) => {
        const before = await tableCounts();
        const res = await call(t.handler as never, t.method, "", { user: t.user?.() ?? w.users.owner, params: t.params(), body });
        if (res.status < 400) return; // a valid input may change things
        await expectHonest(res, before);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(targets)("$name: malformed, mistyped, oversized and wrongly labelled bodies", async (t) => {
    await fc.assert(
      fc.asyncProperty(rawBodies, async ({ rawBody, contentType, expected }) => {
        const before = await tableCounts();
        const headers = contentType ? { "content-type": contentType } : undefined;
        const res = await call(t.handler as never, t.method, "", { user: t.user?.() ?? w.users.owner, params: t.params(), rawBody, headers });
        expect(res.status).toBe(expected);
        await expectHonest(res, before);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("hostile query strings", () => {
  const query = fc.dictionary(fc.constantFrom("limit", "cursor", "q", "status", "action", "actor_id", "from", "to", "junk"), weirdString, { maxKeys: 6 });
  it.each([
    { name: "GET campaigns", handler: campaignsRoute.GET },
    { name: "GET audit-events", handler: auditRoute.GET },
  ])("$name", async ({ handler }) => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const before = await tableCounts();
        const res = await call(handler as never, "GET", "", { user: w.users.owner, params: { workspace_id: w.client.id }, query: new URLSearchParams(q).toString() });
        await expectHonest(res, before);
        if (res.status === 200) expect(await tableCounts()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
