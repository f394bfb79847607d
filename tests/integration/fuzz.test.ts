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
import * as membersRoute from "@/app/api/v1/workspaces/[workspace_id]/members/route";
import * as clientsRoute from "@/app/api/v1/workspaces/[workspace_id]/clients/route";
import * as agentsRoute from "@/app/api/v1/workspaces/[workspace_id]/agents/route";
import * as meRoute from "@/app/api/v1/me/route";
import { campaignSortColumns } from "@/db/schema";
import { decodeCursor, encodeCursor, MAX_TIME, MIN_TIME } from "@/lib/api/pagination";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "@/lib/api/parse";
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
const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "\u0000", "💥".repeat(300), "'; drop table campaigns; --", "<script>alert(1)</script>", "\uFEFF", "%00"),
);
// nesting from just past the bound to what fits in 64 KiB (`[[[[…]]]]`, and objects: `{"a":{"a":…}}`)
const deepText = fc.oneof(
  fc.integer({ min: MAX_JSON_DEPTH + 1, max: 30_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: MAX_JSON_DEPTH + 1, max: 10_000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
);
// as a value inside shaped bodies: shallower, so that JSON.stringify (recursive) can send it
const deep = fc.integer({ min: MAX_JSON_DEPTH + 1, max: 1_500 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)));
const anyValue = fc.oneof(fc.jsonValue(), weirdString, fc.constant(null), fc.double(), fc.integer(), fc.boolean(), deep);

/** An object shaped like what the endpoint expects, with any field replaced by something hostile. */
function shaped(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc
    .record(
      Object.fromEntries(
        keys.map((k) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(valid[k]) }, { weight: 2, arbitrary: anyValue })]),
      ),
      { requiredKeys: [] },
    )
    .chain((obj) =>
      fc.oneof(
        fc.constant(obj),
        fc.dictionary(weirdString, anyValue, { maxKeys: 3 }).map((extra) => ({ ...obj, ...extra })),
      ),
    );
}

type Raw = { rawBody: string; contentType: string; expected: number };
const notJsonTypes = fc.constantFrom(
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
  "application/jsonx",
);
const rawBodies: fc.Arbitrary<Raw> = fc.oneof(
  fc
    .constantFrom("{", "[1,", '{"name": }', "nul", "\u0000", "{'a': 1}", "")
    .map((s) => ({ rawBody: s, contentType: "application/json", expected: 400 })),
  fc
    .string({ minLength: 1 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => ({ rawBody: s, contentType: "application/json", expected: 400 })),
  fc.tuple(fc.jsonValue(), notJsonTypes).map(([v, type]) => ({ rawBody: JSON.stringify(v), contentType: type, expected: 415 })),
  hugeString.map((s) => ({ rawBody: JSON.stringify({ name: s }), contentType: "application/json", expected: 413 })),
  // valid JSON nested past the bound (at the root, or under a field): cheap to refuse, named
  deepText.map((text) => ({ rawBody: text, contentType: "application/json", expected: 422 })),
  fc
    .tuple(fc.constantFrom("name", "role", "client_ids", "token"), deepText)
    .map(([field, text]) => ({ rawBody: `{"${field}": ${text}}`, contentType: "application/json", expected: 422 })),
);

/** Wide but shallow, as big as fits: huge arrays and objects with thousands of keys. Refused, never a 5xx. */
const wideBodies = fc.oneof(
  fc.constantFrom("0", '"x"', "null", "[]", "{}").map(
    (item) =>
      `[${Array(Math.floor((MAX_BODY_BYTES - 2) / (item.length + 1)))
        .fill(item)
        .join(",")}]`,
  ),
  fc.integer({ min: 1000, max: 6000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(",")}}`),
);

async function expectHonest(res: Awaited<ReturnType<typeof call>>, before: string) {
  tried += 1;
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(typeof res.body.title).toBe("string");
    expect(res.body.status).toBe(res.status);
    if (res.status === 422) {
      expect(res.body.errors?.length, res.text.slice(0, 300)).toBeGreaterThan(0);
      for (const e of res.body.errors) expect(typeof e.path).toBe("string");
    }
    if (res.status !== 429 && res.status !== 502 && res.status !== 504) expect(await tableCounts()).toBe(before);
  }
}

type Target = {
  name: string;
  handler: (req: Request, ctx: never) => Promise<Response>;
  method: string;
  params: () => Record<string, string>;
  valid: () => Record<string, unknown>;
  user?: () => CallOptions["user"];
};

const targets: Target[] = [
  {
    name: "POST /workspaces",
    handler: workspacesRoute.POST,
    method: "POST",
    params: () => ({}),
    valid: () => ({ name: "Fuzzed", kind: "team", parent_id: w.agency.id, timezone: "UTC" }),
  },
  {
    name: "PATCH /workspaces/:id",
    handler: workspaceRoute.PATCH,
    method: "PATCH",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({ name: "Renamed", timezone: "Europe/Paris" }),
  },
  {
    name: "PUT nedzo-connection",
    handler: connectionRoute.PUT,
    method: "PUT",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({ mode: "live", token: "sk_test_fuzzfuzzfuzz" }),
  },
  {
    name: "POST campaigns",
    handler: campaignsRoute.POST,
    method: "POST",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({
      name: "F",
      agent_id: AGENT_AVA,
      start_time: "09:00",
      end_time: "10:00",
      min_calls_per_hour: 1,
      max_calls_per_hour: 2,
      daily_usage_cap: null,
      max_dials_per_contact: 3,
    }),
  },
  {
    name: "POST resolution",
    handler: resolutionRoute.POST,
    method: "POST",
    params: () => ({ workspace_id: w.client.id, campaign_id: w.campaignId }),
    valid: () => ({ action: "link", nedzo_campaign_id: AGENT_AVA, confirm: true }),
  },
  {
    name: "PATCH member",
    handler: memberRoute.PATCH,
    method: "PATCH",
    params: () => ({ workspace_id: w.client.id, user_id: w.users.target.id }),
    valid: () => ({ role: "viewer" }),
  },
  {
    name: "POST invitations",
    handler: invitationsRoute.POST,
    method: "POST",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({ email: "fuzz@example.test", role: "member" }),
  },
  {
    name: "POST invitations/accept",
    handler: acceptRoute.POST,
    method: "POST",
    params: () => ({}),
    valid: () => ({ token: "x".repeat(43) }),
  },
  {
    name: "PUT agency-access",
    handler: accessRoute.PUT,
    method: "PUT",
    params: () => ({ workspace_id: w.client.id }),
    valid: () => ({ suspended: false }),
  },
  {
    name: "PUT member clients",
    handler: memberClientsRoute.PUT,
    method: "PUT",
    params: () => ({ workspace_id: w.agency.id, user_id: w.users.limited.id }),
    valid: () => ({ client_ids: [w.sibling.id] }),
    user: () => w.users.agencyOwner,
  },
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
        const res = await call(t.handler as never, t.method, "", {
          user: t.user?.() ?? w.users.owner,
          params: t.params(),
          rawBody,
          headers,
        });
        expect(res.status, res.text.slice(0, 300)).toBe(expected);
        await expectHonest(res, before);
        if (expected === 422) expect(res.body.errors).toEqual([{ path: expect.any(String), message: expect.stringContaining("nested") }]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it.each(targets)("$name: wide but shallow bodies up to 64 KiB", async (t) => {
    await fc.assert(
      fc.asyncProperty(wideBodies, async (rawBody) => {
        const before = await tableCounts();
        const res = await call(t.handler as never, t.method, "", {
          user: t.user?.() ?? w.users.owner,
          params: t.params(),
          rawBody,
          headers: { "content-type": "application/json" },
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        await expectHonest(res, before);
      }),
      { numRuns: 4 },
    );
  });
});

// Hostile query strings against every list endpoint. Cursors: random text, junk base64, base64 of the
// right shape with the wrong content (non-UUIDs, out-of-range or loose times, wrong arity), huge strings,
// and real ones. Dates: out of PostgreSQL's range, year 0, 5-digit years, impossible days, offsets.
const b64 = (s: string) => Buffer.from(s).toString("base64url");
const anyTime = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true });
const idLike = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/), fc.string({ maxLength: 40 }), fc.constant(""));
const timeLike = fc.oneof(
  anyTime.map((d) => d.toISOString()),
  fc.constantFrom("0000-01-01T00:00:00.000Z", "May 1 2024", "2024-02-30T00:00:00.000Z", "2024-01-01", "", "NaN", "1e400"),
);
let realCursor = "";
const cursorJunk = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.base64String({ maxLength: 200 }),
  fc.tuple(timeLike, idLike).map(([t, id]) => b64(`${t}|${id}`)),
  fc
    .tuple(timeLike, idLike, fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 }))
    .map(([t, id, more]) => b64([t, id, ...more].join("|"))),
  timeLike.map((t) => b64(t)),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => "A".repeat(n)),
  fc.constant(null).map(() => realCursor),
);
const dateJunk = fc.oneof(
  anyTime.map((d) => d.toISOString()),
  anyTime.map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    "-271821-04-20T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "0000-01-01",
    "0000-01-01T00:00:00Z",
    "10000-01-01",
    "2024-02-30",
    "2024-13-01",
    "2024-01-01T25:00:00Z",
    "2024-01-01T10:00:00+99:00",
    "2024-01-01T10:00:00",
    "yesterday",
    "",
  ),
);
const values = fc.oneof(weirdString, cursorJunk, dateJunk, fc.integer().map(String));
const listKeys = fc.constantFrom(
  "limit",
  "cursor",
  "q",
  "status",
  "action",
  "actor_id",
  "from",
  "to",
  "junk",
  "\u0000",
  "constructor",
  "__proto__",
);
/** Repeated keys included: entries, not a dictionary. */
const query = fc.array(fc.tuple(listKeys, values), { maxLength: 8 }).map((entries) => new URLSearchParams(entries).toString());

const lists = [
  { name: "GET campaigns", handler: campaignsRoute.GET, paged: true },
  { name: "GET audit-events", handler: auditRoute.GET, paged: true },
  { name: "GET members", handler: membersRoute.GET, paged: false },
  { name: "GET invitations", handler: invitationsRoute.GET, paged: false },
  { name: "GET clients", handler: clientsRoute.GET, paged: false, agency: true },
  { name: "GET agents", handler: agentsRoute.GET, paged: false },
  { name: "GET workspaces", handler: workspacesRoute.GET, paged: false },
  { name: "GET me", handler: meRoute.GET, paged: false },
];

describe("hostile query strings", () => {
  beforeAll(async () => {
    const first = await call(auditRoute.GET as never, "GET", "", {
      user: w.users.owner,
      params: { workspace_id: w.client.id },
      query: "limit=1",
    });
    realCursor = first.body.next_cursor;
    expect(decodeCursor(realCursor)).not.toBeNull();
  });

  const get = (handler: (typeof lists)[number]["handler"], q: string, agency = false) =>
    call(handler as never, "GET", "", {
      user: agency ? w.users.agencyOwner : w.users.owner,
      params: { workspace_id: (agency ? w.agency : w.client).id },
      query: q,
    });

  it.each(lists)("$name: any query string", async ({ handler, agency }) => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const before = await tableCounts();
        const res = await get(handler, q, agency);
        await expectHonest(res, before);
        if (res.status === 200) expect(await tableCounts()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(lists.filter((l) => l.paged))("$name: a cursor is one of ours, or a 422 on cursor", async ({ handler }) => {
    await fc.assert(
      fc.asyncProperty(cursorJunk, async (cursor) => {
        const before = await tableCounts();
        const res = await get(handler, new URLSearchParams({ cursor }).toString());
        await expectHonest(res, before);
        if (cursor && decodeCursor(cursor)) expect(res.status).toBe(200);
        else if (cursor) expect(res.body.errors, res.text.slice(0, 300)).toEqual([{ path: "cursor", message: expect.any(String) }]);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET audit-events: from and to are dates in 1970..9999, or a 422 naming them", async () => {
    await fc.assert(
      fc.asyncProperty(dateJunk, fc.constantFrom("from", "to"), async (date, name) => {
        const before = await tableCounts();
        const res = await get(auditRoute.GET, new URLSearchParams({ [name]: date }).toString());
        await expectHonest(res, before);
        if (res.status !== 200) expect(res.body.errors).toEqual([{ path: name, message: expect.any(String) }]);
        const t = Date.parse(date);
        if (!/^\d{4}-\d{2}-\d{2}/.test(date) || t < MIN_TIME || t > MAX_TIME) expect(res.status === 200, date).toBe(date === "");
      }),
      { numRuns: RUNS },
    );
  });

  it("cursors round-trip: every (time in range, UUID) decodes to itself", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(MIN_TIME), max: new Date(MAX_TIME), noInvalidDate: true }),
        fc.uuid(),
        fc.boolean(),
        (createdAt, id, back) => {
          tried += 1;
          expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({
            sort: "created_at",
            order: "desc",
            back: false,
            value: createdAt,
            id,
          });
          const position = { sort: "created_at", order: "desc" as const, back, value: createdAt, id };
          expect(decodeCursor(encodeCursor(position))).toEqual(position);
        },
      ),
      { numRuns: RUNS * 10 },
    );
  });

  it("cursors round-trip in every sort of the campaign list: names, statuses, whole and fractional numbers", () => {
    const position = fc.oneof(
      fc.record({ sort: fc.constant("name"), value: fc.string({ minLength: 1, maxLength: 255 }).filter((s) => !s.includes("\u0000")) }),
      fc.record({ sort: fc.constant("status"), value: fc.constantFrom("queued", "pending", "created", "failed", "unknown") }),
      fc.record({ sort: fc.constant("dials"), value: fc.integer({ min: 0, max: 2_147_483_647 }) }),
      fc.record({ sort: fc.constant("total_min_used"), value: fc.double({ min: 0, max: 1e12, noNaN: true }) }),
    );
    fc.assert(
      fc.property(position, fc.uuid(), fc.boolean(), fc.constantFrom("asc" as const, "desc" as const), (p, id, back, order) => {
        tried += 1;
        const cursor = { ...p, order, back, id };
        expect(decodeCursor(encodeCursor(cursor), campaignSortColumns)).toEqual(cursor);
        // a cursor of one list is not a cursor of another
        expect(decodeCursor(encodeCursor(cursor))).toBeNull();
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
