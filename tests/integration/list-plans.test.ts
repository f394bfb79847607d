import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditListSelect } from "@/db/queries/audit";
import { callListSelect } from "@/db/queries/calls";
import { campaignListSelect, type ListOptions } from "@/db/queries/campaigns";
import { invitationListSelect } from "@/db/queries/invitations";
import { campaignSortColumns, type CampaignSort } from "@/db/schema";
import { decodeCursor, encodeCursor, type Cursor, type SortOrder } from "@/lib/api/pagination";
import { signedInUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// Every list reads an index in exactly the order it returns rows: the plan is a Limit over an Index Scan
// (forwards or backwards), with no Sort anywhere — not even a top-N sort of a few rows. Checked with EXPLAIN
// on the very SQL the API runs (drizzle's toSQL() of the same query builders), over a few thousand rows
// with real statistics (ANALYZE), on PGlite and on PostgreSQL when DATABASE_URL is set.

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Scan Direction"?: string;
  "Plan Rows"?: number;
  Plans?: PlanNode[];
};

let workspaceId = "";
let campaignId = "";

async function run(text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const client = (getDb() as unknown as { $client: unknown }).$client as {
    unsafe?: (q: string, p: unknown[]) => Promise<Record<string, unknown>[]>;
    query?: (q: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  };
  if (client.unsafe) return client.unsafe(text, params as never[]);
  return (await client.query!(text, params)).rows;
}

/** The plan of a query builder's own SQL and parameters. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<PlanNode> {
  const { sql: text, params } = query.toSQL();
  const [row] = await run(`explain (format json) ${text}`, params);
  const json = row["QUERY PLAN"];
  const plan = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  return plan[0].Plan;
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const show = (n: PlanNode, depth = 0): string =>
  [
    `${"  ".repeat(depth)}${n["Node Type"]}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""}${n["Scan Direction"] ? ` (${n["Scan Direction"]})` : ""}${n["Relation Name"] ? ` on ${n["Relation Name"]}` : ""}`,
    ...(n.Plans ?? []).map((c) => show(c, depth + 1)),
  ].join("\n");

/** A Limit over an in-order Index Scan of `table` using `index`, and no Sort anywhere. */
function expectReadInOrder(plan: PlanNode, table: string, index: string, direction: "Forward" | "Backward") {
  const text = show(plan);
  expect(plan["Node Type"], text).toBe("Limit");
  expect(
    nodes(plan).filter((n) => /Sort/.test(n["Node Type"])),
    text,
  ).toEqual([]);
  const scans = nodes(plan).filter((n) => n["Relation Name"] === table);
  expect(scans, text).toHaveLength(1);
  expect(scans[0]["Node Type"], text).toBe("Index Scan");
  expect(scans[0]["Index Name"], text).toBe(index);
  expect(scans[0]["Scan Direction"], text).toBe(direction);
}

beforeAll(async () => {
  const owner = await signedInUser();
  workspaceId = (await createWorkspaceAs(owner, "Plans")).id;
  const other = (await createWorkspaceAs(owner, "Neighbour")).id;
  const db = getDb();
  // two workspaces of 3 000 campaigns each: a third of the names say "Renewals", counters spread out
  for (const ws of [workspaceId, other]) {
    await db.execute(sql`
      insert into campaigns (workspace_id, status, name, agent_id, start_time, end_time, min_calls_per_hour, max_calls_per_hour,
        dials, total_pickups, total_positive_outcomes, total_min_used, idempotency_key, request_hash, created_by, created_at)
      select ${ws}, (array['queued','pending','created','failed','unknown'])[1 + i % 5],
        case i % 3 when 0 then 'Renewals batch ' || i when 1 then 'Winback ' || i else 'Spring promo ' || i end,
        '3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11', '09:00', '17:00', 1, 10,
        (i * 7919) % 1000, (i * 104729) % 400, (i * 31) % 50, ((i * 37) % 5000) / 3.0,
        'seed-' || i, 'x', ${owner.id}, now() - i * interval '1 minute'
      from generate_series(1, 3000) i`);
    await db.execute(sql`
      insert into audit_events (workspace_id, action, actor_id, actor_email, target_type, target_id, created_at)
      select ${ws}, (array['campaign.create','member.role_change','invitation.create'])[1 + i % 3], ${owner.id}, ${owner.email},
        'campaign', i::text, now() - i * interval '1 minute'
      from generate_series(1, 3000) i`);
    await db.execute(sql`
      insert into invitations (workspace_id, email, role, token_hash, invited_by, expires_at, created_at)
      select ${ws}, 'person' || i || '@example.test', 'member', md5(${ws} || i), ${owner.id}, now() + interval '7 days', now() - i * interval '1 minute'
      from generate_series(1, 3000) i`);
  }
  // the calls of three campaigns of each workspace, 8 000 each, outcomes spread out
  for (const ws of [workspaceId, other]) {
    await db.execute(sql`
      insert into calls (workspace_id, campaign_id, nedzo_conversation_id, started_at, outcome_key, picked_up, source)
      select ${ws}, c.id, c.id || '-' || i, now() - i * interval '1 minute',
        (array['no_answer','appointment_booked','not_interested','follow_up'])[1 + i % 4], i % 3 = 0, 'sync'
      from (select id from campaigns where workspace_id = ${ws} order by name limit 3) c, generate_series(1, 8000) i`);
  }
  const [first] = await run("select id from campaigns where workspace_id = $1 order by name limit 1", [workspaceId]);
  campaignId = String(first.id);
  // what autovacuum does to a live table: statistics, and the trigram index's pending entries merged
  await db.execute(sql`vacuum analyze calls`);
  await db.execute(sql`vacuum analyze campaigns`);
  await db.execute(sql`vacuum analyze audit_events`);
  await db.execute(sql`vacuum analyze invitations`);
}, 120_000);

/** A cursor in the middle of the list, as the API would issue it (forwards or back). */
async function middleCursor(sort: CampaignSort, order: SortOrder, back: boolean): Promise<Cursor> {
  const [row] = (await campaignListSelect(workspaceId, { limit: 1500, sort, order })).slice(1500);
  const field = {
    created_at: "createdAt",
    name: "name",
    status: "status",
    dials: "dials",
    total_pickups: "totalPickups",
    total_positive_outcomes: "totalPositiveOutcomes",
    total_min_used: "totalMinUsed",
  }[sort];
  const cursor = decodeCursor(
    encodeCursor({
      sort,
      order,
      back,
      value: (row as unknown as Record<string, Date | string | number>)[field],
      id: row.id,
    }),
    campaignSortColumns,
  );
  expect(cursor).not.toBeNull();
  return cursor!;
}

const sorts = Object.keys(campaignSortColumns) as CampaignSort[];

describe("the campaign list reads its index in order", () => {
  it("has one index per sort", () => {
    expect(sorts).toEqual(["created_at", "name", "status", "dials", "total_pickups", "total_positive_outcomes", "total_min_used"]);
  });

  describe.each(sorts)("sort=%s", (sort) => {
    it.each([
      ["asc", undefined, "Forward"],
      ["desc", undefined, "Backward"],
      ["asc", "renewal", "Forward"],
      ["desc", "renewal", "Backward"],
    ] as const)("order=%s, q=%s: first page, next page and previous page", async (order, q, direction) => {
      const options: ListOptions = { limit: 50, sort, order, q };
      expectReadInOrder(await planOf(campaignListSelect(workspaceId, options)), "campaigns", `campaigns_by_${sort}`, direction);
      const next = await middleCursor(sort, order, false);
      expectReadInOrder(
        await planOf(campaignListSelect(workspaceId, { ...options, cursor: next })),
        "campaigns",
        `campaigns_by_${sort}`,
        direction,
      );
      // going back reads the same index the other way
      const back = await middleCursor(sort, order, true);
      const reverse = direction === "Forward" ? "Backward" : "Forward";
      expectReadInOrder(
        await planOf(campaignListSelect(workspaceId, { ...options, cursor: back })),
        "campaigns",
        `campaigns_by_${sort}`,
        reverse,
      );
    });
  });

  it("filters by status on the way, still in order", async () => {
    expectReadInOrder(
      await planOf(campaignListSelect(workspaceId, { limit: 50, status: "failed" })),
      "campaigns",
      "campaigns_by_created_at",
      "Backward",
    );
  });

  // A term that few names hold is found through the trigram index instead of reading the list in order
  // until a page is full (that could be the whole workspace): the rows it finds — fewer than a page — are then
  // put in order. The only plan in this file with a Sort, and it sorts only the matches.
  it("finds a rare name through the trigram index, then orders only the few matches", async () => {
    const plan = await planOf(campaignListSelect(workspaceId, { limit: 50, q: "batch 2999" }));
    const trgm = nodes(plan).find((n) => n["Index Name"] === "campaigns_name_trgm");
    expect(trgm, show(plan)).toBeDefined();
    for (const sort of nodes(plan).filter((n) => /Sort/.test(n["Node Type"]))) expect(sort["Plan Rows"]!, show(plan)).toBeLessThan(50);
  });
});

describe("the audit trail and the invitations read their index in order", () => {
  it("audit events, newest first: first page, with filters, next and previous pages", async () => {
    const base = { limit: 50 };
    expectReadInOrder(await planOf(auditListSelect(workspaceId, base)), "audit_events", "audit_events_workspace_created", "Backward");
    const from = new Date(Date.now() - 86_400_000);
    expectReadInOrder(
      await planOf(auditListSelect(workspaceId, { ...base, from, to: new Date(), action: "campaign.create" })),
      "audit_events",
      "audit_events_workspace_created",
      "Backward",
    );
    const [row] = (await auditListSelect(workspaceId, { limit: 1000 })).slice(1000);
    const position = { sort: "created_at", order: "desc" as const, value: row.createdAt, id: row.id };
    expectReadInOrder(
      await planOf(auditListSelect(workspaceId, { ...base, cursor: { ...position, back: false } })),
      "audit_events",
      "audit_events_workspace_created",
      "Backward",
    );
    expectReadInOrder(
      await planOf(auditListSelect(workspaceId, { ...base, cursor: { ...position, back: true } })),
      "audit_events",
      "audit_events_workspace_created",
      "Forward",
    );
  });

  it("invitations, newest first: first page, next and previous pages", async () => {
    expectReadInOrder(
      await planOf(invitationListSelect(workspaceId, { limit: 200 })),
      "invitations",
      "invitations_workspace_created",
      "Backward",
    );
    const [row] = (await invitationListSelect(workspaceId, { limit: 1000 })).slice(1000);
    const position = { sort: "created_at", order: "desc" as const, value: row.createdAt, id: row.id };
    expectReadInOrder(
      await planOf(invitationListSelect(workspaceId, { limit: 200, cursor: { ...position, back: false } })),
      "invitations",
      "invitations_workspace_created",
      "Backward",
    );
    expectReadInOrder(
      await planOf(invitationListSelect(workspaceId, { limit: 200, cursor: { ...position, back: true } })),
      "invitations",
      "invitations_workspace_created",
      "Forward",
    );
  });
});

describe("the calls of a campaign read their index in order", () => {
  it("newest first: first page, a time window, next and previous pages", async () => {
    const base = { limit: 50 };
    expectReadInOrder(await planOf(callListSelect(workspaceId, campaignId, base)), "calls", "calls_campaign_newest", "Forward");
    expectReadInOrder(
      await planOf(callListSelect(workspaceId, campaignId, { ...base, from: new Date(Date.now() - 86_400_000), to: new Date() })),
      "calls",
      "calls_campaign_newest",
      "Forward",
    );
    const [row] = (await callListSelect(workspaceId, campaignId, { limit: 1000 })).slice(1000);
    const position = { sort: "started_at", order: "desc" as const, value: row.startedAt, id: row.id };
    expectReadInOrder(
      await planOf(callListSelect(workspaceId, campaignId, { ...base, cursor: { ...position, back: false } })),
      "calls",
      "calls_campaign_newest",
      "Forward",
    );
    expectReadInOrder(
      await planOf(callListSelect(workspaceId, campaignId, { ...base, cursor: { ...position, back: true } })),
      "calls",
      "calls_campaign_newest",
      "Backward",
    );
  });

  it("filtered by outcome: its own index, still in order, both ways", async () => {
    const base = { limit: 50, outcome: "appointment_booked" };
    expectReadInOrder(await planOf(callListSelect(workspaceId, campaignId, base)), "calls", "calls_campaign_outcome_newest", "Forward");
    const [row] = (await callListSelect(workspaceId, campaignId, { ...base, limit: 1000 })).slice(1000);
    const position = { sort: "started_at", order: "desc" as const, value: row.startedAt, id: row.id };
    expectReadInOrder(
      await planOf(callListSelect(workspaceId, campaignId, { ...base, cursor: { ...position, back: false } })),
      "calls",
      "calls_campaign_outcome_newest",
      "Forward",
    );
    expectReadInOrder(
      await planOf(callListSelect(workspaceId, campaignId, { ...base, cursor: { ...position, back: true } })),
      "calls",
      "calls_campaign_outcome_newest",
      "Backward",
    );
  });
});
